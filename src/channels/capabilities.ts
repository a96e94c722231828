/**
 * What each channel can show, in one record per channel: every renderer reads it (choices,
 * knowledge answers, events, emergency numbers), so a new channel is one entry here.
 */
export interface ChannelCapabilities {
  /** Suggested-action buttons shown under a message; 0: none (a card or text instead). */
  suggestedActions: number;
  /** Suggested actions may send a value back (messageBack); Teams' take imBack only. */
  valueInSuggestedActions: boolean;
  /** Buttons one card shows at most; more choices go in an Adaptive Card choice list. */
  cardButtons: number;
  /** Adaptive Cards (summary card, choice lists). */
  adaptiveCards: boolean;
  /** Options are typed back as numbers from a numbered list in the text. */
  numberedText: boolean;
  /** `event` activities reach the client (Web Chat's host page listens for them). */
  events: boolean;
  /** Markdown is rendered (bold, links); elsewhere the text is sent plain. */
  markdown: boolean;
  /** The channel knows the person's phone number already (WhatsApp, when not a BSUID). */
  knowsPhoneNumber: boolean;
  /** A `tel:` link can be offered as a button (openUrl). */
  telLinks: boolean;
  /** A `typing` activity shows the person that the bot is working (WhatsApp shows nothing for it). */
  typingIndicator: boolean;
  /** How bold is written: Markdown `**bold**`, WhatsApp's `*bold*`, or not at all (plain text). */
  emphasis: 'markdown' | 'whatsapp' | 'none';
  /**
   * The longest choice a button shows whole; a longer one goes on an Adaptive Card whose text
   * wraps. Teams cuts hero-card and suggested-action titles short (about 20 characters on a phone).
   */
  buttonLabel: number;
}

const webChat: ChannelCapabilities = {
  suggestedActions: 100,
  valueInSuggestedActions: true,
  cardButtons: 100,
  adaptiveCards: true,
  numberedText: false,
  events: true,
  markdown: true,
  knowsPhoneNumber: false,
  telLinks: true,
  typingIndicator: true,
  emphasis: 'markdown',
  // Web Chat's buttons grow with their title (the page lays them out in a flow).
  buttonLabel: Number.POSITIVE_INFINITY,
};

const plainText: ChannelCapabilities = {
  suggestedActions: 0,
  valueInSuggestedActions: false,
  cardButtons: 0,
  adaptiveCards: false,
  numberedText: true,
  events: false,
  markdown: false,
  knowsPhoneNumber: false,
  telLinks: false,
  typingIndicator: false,
  emphasis: 'none',
  buttonLabel: Number.POSITIVE_INFINITY,
};

const CHANNELS: Record<string, ChannelCapabilities> = {
  webchat: webChat,
  directline: webChat,
  emulator: webChat,
  test: webChat,
  // Teams shows three suggested actions and six buttons on a hero card; it has no client events.
  msteams: { ...webChat, suggestedActions: 3, valueInSuggestedActions: false, cardButtons: 6, events: false, buttonLabel: 20 },
  whatsapp: { ...plainText, knowsPhoneNumber: true, emphasis: 'whatsapp' },
  console: plainText,
  sms: { ...plainText, knowsPhoneNumber: true },
};

/** The channel's record; a channel nobody described gets plain text, which every channel can show. */
export function capabilitiesOf(channelId: string | undefined): ChannelCapabilities {
  return CHANNELS[channelId ?? ''] ?? plainText;
}
