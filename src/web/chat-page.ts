import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { projectRoot } from '../paths.js';
import type { ClinicDetails } from '../strings/index.js';

export interface ChatPageOptions {
  bookingUrl?: string;
  /** The clinic's name and contacts, and the local emergency number, shown on the page. */
  clinic?: ClinicDetails;
  /** Origin of the Direct Line service the browser talks to, when not this server. */
  directLineOrigin?: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A tel: address from a number as written ("+44 20 7946 0000" -> "tel:+442079460000"). */
function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

/** The page's clinic placeholders as escaped HTML: tap-to-call and mail links where there is a detail. */
function clinicFragments(clinic: ClinicDetails = {}): Record<string, string> {
  const phone = clinic.phone ? `<a href="${escapeAttribute(telHref(clinic.phone))}">${escapeAttribute(clinic.phone)}</a>` : '';
  const email = clinic.email ? `<a href="mailto:${escapeAttribute(clinic.email)}">${escapeAttribute(clinic.email)}</a>` : '';
  const contact = phone && email ? ` (${phone} or ${email})` : phone || email ? ` (${phone || email})` : '';
  return {
    clinicName: escapeAttribute(clinic.name ?? 'Your Skin Clinic'),
    clinicContact: contact,
    emergencyNumber: clinic.emergencyNumber
      ? `<a class="emergency-call" href="${escapeAttribute(telHref(clinic.emergencyNumber))}">${escapeAttribute(clinic.emergencyNumber)}</a>`
      : 'your local emergency number',
  };
}

/**
 * Only this server's scripts run; Web Chat injects its styles at run time, hence inline
 * styles; connections go to this server and, in production, to Direct Line.
 */
export function contentSecurityPolicy(directLineOrigin?: string): string {
  const connect = ["'self'", ...(directLineOrigin ? [directLineOrigin, directLineOrigin.replace(/^http/, 'ws')] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * GET /: the chat page, with the Web Chat bundle served from node_modules (no CDN) and the
 * page's own script and styles from web/. Files are read once at start.
 */
export function registerChatPage(server: Server, { bookingUrl, directLineOrigin, clinic }: ChatPageOptions): void {
  const webDir = join(projectRoot, 'web');
  const fragments: Record<string, string> = { bookingUrl: escapeAttribute(bookingUrl ?? ''), ...clinicFragments(clinic) };
  const page = readFileSync(join(webDir, 'index.html'), 'utf8').replace(
    /\{\{(\w+)\}\}/g,
    (whole, name: string) => fragments[name] ?? whole,
  );
  const script = readFileSync(join(webDir, 'chat.js'));
  const styles = readFileSync(join(webDir, 'chat.css'));
  // The package's exports do not expose dist/, so the bundle is read from its folder.
  const webChatBundle = readFileSync(join(projectRoot, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js'));
  const policy = contentSecurityPolicy(directLineOrigin);

  const sendFile = (body: Buffer | string, contentType: string, cache: string) => async (_req: Request, res: Response) => {
    res.writeHead(200, {
      'content-type': contentType,
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
      'content-security-policy': policy,
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    res.end(body);
  };
  server.get('/', sendFile(page, 'text/html; charset=utf-8', 'no-cache'));
  server.get('/static/chat.js', sendFile(script, 'text/javascript; charset=utf-8', 'no-cache'));
  server.get('/static/chat.css', sendFile(styles, 'text/css; charset=utf-8', 'no-cache'));
  server.get('/webchat/webchat.js', sendFile(webChatBundle, 'text/javascript; charset=utf-8', 'public, max-age=86400'));
}
