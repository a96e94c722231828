/** Error details safe to log: type and stack frames, never the message text a person typed. */
export function describeErrorForLog(error: unknown): { type: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = error.stack?.split('\n').slice(1).join('\n');
  return { type: error.name, ...(frames ? { stack: frames } : {}) };
}
