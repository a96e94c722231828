import type { TurnContext } from 'botbuilder';
import { DialogContainer, Prompt, type Dialog, type PromptRecognizerResult } from 'botbuilder-dialogs';
import type { ConversationFunnel } from './conversation-funnel.js';

type PromptHooks = {
  onPrompt: (context: TurnContext, ...rest: unknown[]) => Promise<void>;
  onRecognize: (context: TurnContext, ...rest: unknown[]) => Promise<PromptRecognizerResult<unknown>>;
};

/**
 * The question ids of the funnel are the prompts' dialog ids: the catalogue's ids (`age`,
 * `skinNow`, ...) and the dialogs' own (`consent`, `concerns`, `readBack`, ...); a prompt id used
 * in several containers would be prefixed with its container's id.
 *
 * Observed from outside the dialogs, so the dialogs (being rewritten) need no insights code:
 * each prompt instance's ask and read steps are wrapped to tell the funnel, then do as before.
 * A failure to note a fact never changes what the prompt does.
 */
export function observePrompts(root: Dialog, funnel: ConversationFunnel): void {
  for (const { prompt, questionId } of promptQuestions(root)) {
    const hooks = prompt as unknown as PromptHooks;
    const ask = hooks.onPrompt.bind(prompt);
    const read = hooks.onRecognize.bind(prompt);
    hooks.onPrompt = async (context, ...rest) => {
      await funnel.questionAsked(context, questionId).catch(() => undefined);
      return ask(context, ...rest);
    };
    hooks.onRecognize = async (context, ...rest) => {
      const result = await read(context, ...rest);
      funnel.answerRead(context, questionId, result.succeeded);
      return result;
    };
  }
}

/** Every prompt under `root` with the question id the funnel gives it (the insights page names each). */
export function promptQuestions(root: Dialog): Array<{ prompt: Prompt<unknown>; questionId: string }> {
  const prompts: Array<{ prompt: Prompt<unknown>; container: string }> = [];
  const seen = new Set<Dialog>();
  const walk = (dialog: Dialog, container: string) => {
    if (seen.has(dialog)) return;
    seen.add(dialog);
    if (dialog instanceof Prompt) prompts.push({ prompt: dialog as Prompt<unknown>, container });
    if (dialog instanceof DialogContainer) for (const child of dialog.dialogs.getDialogs()) walk(child, dialog.id);
  };
  walk(root, root.id);
  const uses = new Map<string, number>();
  for (const { prompt } of prompts) uses.set(prompt.id, (uses.get(prompt.id) ?? 0) + 1);
  return prompts.map(({ prompt, container }) => ({
    prompt,
    questionId: (uses.get(prompt.id) ?? 0) > 1 ? `${container}:${prompt.id}` : prompt.id,
  }));
}
