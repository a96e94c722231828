import { signBody } from '../../src/whatsapp/signature.js';

/** The WhatsApp settings the tests run with; Graph API calls go to a fake on 127.0.0.1. */
export const WHATSAPP_SECRET = 'whatsapp-app-secret';
export const WHATSAPP_VERIFY = 'verify-me-please';
export const WHATSAPP_PHONE_ID = '109876543210';

export const whatsappEnv = (graphBase: string) => ({
  WHATSAPP_VERIFY_TOKEN: WHATSAPP_VERIFY,
  WHATSAPP_APP_SECRET: WHATSAPP_SECRET,
  WHATSAPP_ACCESS_TOKEN: 'graph-access-token',
  WHATSAPP_PHONE_NUMBER_ID: WHATSAPP_PHONE_ID,
  WHATSAPP_GRAPH_API_BASE: graphBase,
});

let messageCounter = 0;
export type Inbound = { text: string } | { button: string } | { list: string } | { type: string };

/** A webhook with one message from `waId` (and their WhatsApp profile name), as Meta sends it. */
export function webhook(waId: string, inbound: Inbound, id = `wamid.in.${++messageCounter}`, profileName = 'Sam') {
  const base = { from: waId, id, timestamp: '1795540000' };
  const message =
    'text' in inbound
      ? { ...base, type: 'text', text: { body: inbound.text } }
      : 'button' in inbound
        ? {
            ...base,
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: inbound.button, title: inbound.button.slice(0, 20) } },
          }
        : 'list' in inbound
          ? {
              ...base,
              type: 'interactive',
              interactive: { type: 'list_reply', list_reply: { id: inbound.list, title: inbound.list.slice(0, 24) } },
            }
          : { ...base, type: inbound.type, [inbound.type]: { id: 'media-1' } };
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: WHATSAPP_PHONE_ID },
              contacts: [{ wa_id: waId, profile: { name: profileName } }],
              messages: [message],
            },
          },
        ],
      },
    ],
  };
}

/** `signature`: 'sign' signs the body with the app secret, 'none' sends no header, else the header as given. */
export async function postWebhook(baseUrl: string, body: unknown, signature: string = 'sign'): Promise<number> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature === 'sign') headers['x-hub-signature-256'] = signBody(raw, WHATSAPP_SECRET);
  else if (signature !== 'none') headers['x-hub-signature-256'] = signature;
  const response = await fetch(`${baseUrl}/api/whatsapp`, { method: 'POST', headers, body: raw });
  return response.status;
}
