import { expect } from 'chai';
import { WhatsAppAdapter } from '../../src/whatsapp/adapter.js';
import { createLogger } from '../../src/logging/logger.js';

describe("WhatsApp's 24-hour windows are remembered only while open", () => {
  it('forgets the people whose window closed, so the map does not grow with everyone ever seen', async () => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const adapter = new WhatsAppAdapter({
      transport: { send: async () => 'wamid.sent' },
      phoneNumberId: '100',
      logger: createLogger('silent'),
      clock: () => new Date(now),
    });
    const quiet = { noteArrival: () => undefined, run: async () => undefined };
    for (const person of ['4470001', '4470002', '4470003'])
      await adapter.process({ messageId: `m-${person}`, waId: person, text: 'hi' }, quiet);
    expect(adapter.rememberedWindows).to.equal(3);
    now += 12 * 3_600_000;
    await adapter.process({ messageId: 'm-late-1', waId: '4470001', text: 'hi again' }, quiet);
    expect(adapter.rememberedWindows).to.equal(3);
    now += 13 * 3_600_000; // 25 h after the first messages, 13 h after the last one
    await adapter.process({ messageId: 'm-new', waId: '4470004', text: 'hello' }, quiet);
    expect(adapter.rememberedWindows).to.equal(2);
  });
});
