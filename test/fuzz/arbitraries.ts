import fc from 'fast-check';

/**
 * Generators for the fuzz suite: hostile strings, wrong-typed values, malformed activities,
 * non-JSON bodies and WhatsApp webhooks with every field wrong. Every request they describe
 * stays on 127.0.0.1: a reply that is not returned in the response body goes to the reply
 * service URL (loopback; the suite points it at a fake connector), and an activity whose
 * serviceUrl is missing or another one always keeps `deliveryMode: 'expectReplies'`, so the
 * adapter sends nothing anywhere else (without a serviceUrl it would post to api.botframework.com).
 */

/** Port 9 on loopback: nothing listens, and the connector client retries a refused connection for seconds. */
export const LOOPBACK_SERVICE_URL = 'http://127.0.0.1:9';
let replyServiceUrl = LOOPBACK_SERVICE_URL;

/** Where replies of activities not asking for `expectReplies` go; must be on 127.0.0.1. */
export function useReplyServiceUrl(url: string): void {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`the reply service URL must be on 127.0.0.1, not ${url}`);
  replyServiceUrl = url;
}
/** The activity guard's limit on `text`, in UTF-16 units. */
export const TEXT_LIMIT = 20_000;
/** MAX_BODY_BYTES's default; the suite runs with it. */
export const MAX_BODY_BYTES = 262_144;

// ---------------------------------------------------------------------------------------------
// Strings

const fromCode = (code: number) => String.fromCharCode(code);

/** C0 and C1 controls, bidi overrides, zero-width and non-characters. */
export const controlChar: fc.Arbitrary<string> = fc
  .oneof(
    fc.integer({ min: 0, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.constantFrom(0x200b, 0x200d, 0x200e, 0x202e, 0x2028, 0x2029, 0x2066, 0xfeff, 0xfffd, 0xfffe, 0xffff),
  )
  .map(fromCode);

/** Half of a surrogate pair on its own: not valid UTF-16; JSON.stringify escapes it as \udXXX. */
export const loneSurrogate: fc.Arbitrary<string> = fc.integer({ min: 0xd800, max: 0xdfff }).map(fromCode);

export const INJECTIONS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '<svg/onload=alert(1)>',
  '"><iframe src="javascript:alert(1)">',
  '[click me](javascript:alert(1))',
  '![pixel](http://127.0.0.1:9/track.png)',
  '**bold** _italic_ ~~strike~~ `code`',
  '```\n<script>x</script>\n```',
  '# Heading\n> quote\n- list',
  '<at>Skin Guide</at> help',
  '<at></at><at>',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")().exit()}}',
  '__proto__',
  'constructor',
  'toString',
  'what is the constructor hasOwnProperty valueOf prototype isPrototypeOf __defineGetter__',
  '%s%s%s%n',
  "'; DROP TABLE users; --",
  '../../../../etc/passwd',
  'C:\\Windows\\system32',
  '\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK',
  '<!--',
  ']]>',
  '&lt;script&gt;&#x3C;',
  '\u202Eevil\u202C',
  'A\u0301\u0301\u0301\u0301\u0301\u0301\u0301',
  '(((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!',
  '1e309',
  '-0',
  'NaN',
] as const;

/** What a person might really write: keeps the dialogs moving, so hostile text reaches later steps. */
export const BOT_WORDS = [
  'hello',
  'yes',
  'yes, I agree',
  'no',
  'help',
  'cancel',
  'start over',
  'what do you know about me',
  'forget me',
  'not sure',
  '1',
  '2',
  '3',
  '34',
  'thirty four',
  'my pores and acne scars',
  'wrinkles',
  'at a clinic',
  'I am pregnant',
  'I stopped Accutane in May',
  'I have eczema and diabetes but no rosacea',
  '3 weeks ago',
  'I had it done yesterday and my face is red',
  'does it hurt?',
  'can I talk to a person',
] as const;

/** Mixed pieces of hostile and ordinary text, up to a few hundred characters. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 24 }),
      fc.string({ unit: 'binary', maxLength: 24 }),
      controlChar,
      loneSurrogate,
      fc.constantFrom(...INJECTIONS),
      fc.constantFrom(...BOT_WORDS),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

const HUGE_LENGTHS = [TEXT_LIMIT - 1, TEXT_LIMIT, TEXT_LIMIT + 1, 65_537, 200_000, MAX_BODY_BYTES + 1] as const;
const HUGE_UNITS = ['a', ' ', 'yes ', '\u0000', '\n', '\ud83d', '😀', 'é', '<script>', 'I have eczema '] as const;

/** Texts at, just past and far beyond the 20,000-character guard and MAX_BODY_BYTES. */
export const hugeText: fc.Arbitrary<string> = fc
  .record({ length: fc.constantFrom(...HUGE_LENGTHS), unit: fc.constantFrom(...HUGE_UNITS) })
  .map(({ length, unit }) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

// ---------------------------------------------------------------------------------------------
// Values of the wrong type

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'type',
  'text',
  'answer',
  'msteams',
  'value',
  'name',
  'toString',
  '',
] as const;
const keyArb = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 }));

/** Any JSON value, small, with hostile keys and strings. */
export const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(), // NaN and the infinities become null in JSON
    fc.constantFrom(0, -1, 2 ** 53, -(2 ** 63), 1e308),
    hostileText,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Anything but a string: what a field that must be a string should never be. */
export const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.constant({}),
  fc.array(jsonish, { minLength: 1, maxLength: 3 }),
  fc.dictionary(keyArb, jsonish, { minKeys: 1, maxKeys: 3 }),
);

/** Anything but an object: what a field that must be an object should never be. */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  hostileText,
  fc.constant([]),
  fc.array(jsonish, { minLength: 1, maxLength: 3 }),
);

/** Anything at all, right or wrong type. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(notAString, notAnObject, hostileText, jsonish);

// ---------------------------------------------------------------------------------------------
// Activities

export const ACTIVITY_TYPES = [
  'message',
  'conversationUpdate',
  'installationUpdate',
  'event',
  'invoke',
  'typing',
  'endOfConversation',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'contactRelationUpdate',
  'deleteUserData',
  'handoff',
  'trace',
  'command',
  'commandResult',
  'suggestion',
  'delay',
  'invokeResponse',
  'Message',
  'MESSAGE',
  'unknownType',
  '__proto__',
  'constructor',
  'x'.repeat(64),
] as const;

const EVENT_AND_INVOKE_NAMES = [
  'webchat/join',
  'join',
  'adaptiveCard/action',
  'composeExtension/query',
  'signin/verifyState',
  'signin/tokenExchange',
  'task/fetch',
  'config/fetch',
  'healthCheck',
  'application/search',
  'handoff.initiate',
  '__proto__',
] as const;

export interface ActivityCase {
  activity: Record<string, unknown>;
  /** How it was made, for the failure report. */
  label: string;
}

let sequence = 0;
/** A valid message activity asking for its replies in the response: the base every mutation starts from. */
export function baseActivity(text: string, conversation = `fuzz-${++sequence}`): Record<string, unknown> {
  return {
    type: 'message',
    id: `fuzz-activity-${sequence}`,
    text,
    channelId: 'webchat',
    serviceUrl: replyServiceUrl,
    from: { id: `fuzz-user-${sequence % 50}` },
    recipient: { id: 'bot' },
    conversation: { id: conversation },
    deliveryMode: 'expectReplies',
  };
}

const channelAccountArb: fc.Arbitrary<unknown> = fc.oneof(
  notAnObject,
  fc.constant({}),
  fc.record({ id: notAString }),
  fc.record({ id: fc.constantFrom('', 'x'.repeat(513)) }),
  fc.record({ id: hostileText, name: anyValue, role: anyValue, aadObjectId: anyValue }, { requiredKeys: ['id'] }),
);

const entityArb: fc.Arbitrary<unknown> = fc.oneof(
  jsonish,
  fc.record({ type: anyValue, mentioned: anyValue, text: anyValue }, { requiredKeys: ['type'] }),
  fc.record(
    { type: fc.constant('mention'), mentioned: channelAccountArb, text: fc.oneof(hostileText, notAString) },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constantFrom('mention', 'Mention'),
      mentioned: fc.constant({ id: 'bot' }),
      text: fc.oneof(fc.constant('<at>Skin Guide</at>'), hostileText),
    },
    { requiredKeys: ['type', 'mentioned'] },
  ),
  fc.record({
    type: fc.constantFrom('clientCapabilities', 'https://schema.org/Message', 'streaminfo'),
    '@type': anyValue,
    citation: anyValue,
  }),
);

const attachmentArb: fc.Arbitrary<unknown> = fc.oneof(
  jsonish,
  fc.record(
    {
      contentType: fc.oneof(fc.constantFrom('image/png', 'application/vnd.microsoft.card.adaptive', 'text/html', ''), notAString),
      contentUrl: anyValue,
      content: anyValue,
      name: anyValue,
    },
    { requiredKeys: [] },
  ),
);

/** Bogus Adaptive Card submits: values of random shapes, sometimes in the shapes the bot reads. */
export const cardValue: fc.Arbitrary<unknown> = fc.oneof(
  jsonish,
  fc.dictionary(keyArb, jsonish, { maxKeys: 5 }),
  fc.record({ answer: fc.oneof(hostileText, notAString, fc.constantFrom(...BOT_WORDS)) }),
  fc.record({ answer: hugeText }),
  fc.record({
    msteams: fc.oneof(
      notAnObject,
      fc.record({ type: anyValue, text: fc.oneof(hostileText, notAString, hugeText), value: anyValue }, { requiredKeys: [] }),
    ),
  }),
  fc.record({ action: anyValue, verb: anyValue, data: anyValue }, { requiredKeys: [] }),
);

type Mutation = { field: string; value: unknown } | { field: string; remove: true };

const removed = (field: string): fc.Arbitrary<Mutation> => fc.constant({ field, remove: true as const });
const setTo = (field: string, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> => arb.map((value) => ({ field, value }));

/** One wrong field. serviceUrl and deliveryMode are handled apart (see `addressing`). */
const fieldMutation: fc.Arbitrary<Mutation> = fc.oneof(
  setTo('type', fc.oneof(notAString, fc.constant(''), fc.constantFrom(...ACTIVITY_TYPES), fc.constant('x'.repeat(65)))),
  removed('type'),
  setTo('text', fc.oneof(notAString, hostileText, hugeText)),
  removed('text'),
  setTo('from', channelAccountArb),
  removed('from'),
  setTo('recipient', channelAccountArb),
  removed('recipient'),
  setTo(
    'conversation',
    fc.oneof(
      channelAccountArb,
      fc.record({ id: hostileText, isGroup: anyValue, conversationType: anyValue, tenantId: anyValue }, { requiredKeys: ['id'] }),
    ),
  ),
  removed('conversation'),
  setTo(
    'channelId',
    fc.oneof(
      notAString,
      fc.constantFrom('', 'msteams', 'whatsapp', 'emulator', 'directline', 'test', 'slack', '__proto__', 'x'.repeat(65)),
      hostileText,
    ),
  ),
  removed('channelId'),
  setTo('value', cardValue),
  setTo('entities', fc.oneof(notAnObject, fc.array(entityArb, { maxLength: 4 }))),
  setTo('attachments', fc.oneof(notAnObject, fc.array(attachmentArb, { maxLength: 4 }))),
  setTo(
    'channelData',
    fc.oneof(
      anyValue,
      fc.record(
        { tenant: anyValue, eventType: anyValue, team: anyValue, clientActivityID: anyValue, postBack: anyValue },
        { requiredKeys: [] },
      ),
    ),
  ),
  setTo('name', fc.oneof(fc.constantFrom(...EVENT_AND_INVOKE_NAMES), notAString, hostileText)),
  setTo('id', fc.oneof(notAString, hostileText)),
  removed('id'),
  setTo('membersAdded', fc.oneof(notAnObject, fc.array(channelAccountArb, { maxLength: 3 }))),
  setTo('membersRemoved', fc.oneof(notAnObject, fc.array(channelAccountArb, { maxLength: 3 }))),
  setTo('reactionsAdded', fc.oneof(notAnObject, fc.array(jsonish, { maxLength: 3 }))),
  setTo('action', anyValue),
  setTo('locale', fc.oneof(notAString, hostileText, fc.constantFrom('en-US', 'xx', 'zh-Hans-CN-u-nu-hanidec'))),
  setTo('timestamp', fc.oneof(notAString, hostileText, fc.constantFrom('2026-11-24T10:00:00Z', 'not a date', '9999-99-99'))),
  setTo('localTimestamp', fc.oneof(notAString, hostileText)),
  setTo('textFormat', fc.oneof(notAString, fc.constantFrom('markdown', 'xml', 'plain', 'html'))),
  setTo('replyToId', fc.oneof(notAString, hostileText)),
  setTo('suggestedActions', anyValue),
  setTo('relatesTo', anyValue),
  setTo('speak', anyValue),
  setTo('inputHint', anyValue),
  setTo('callerId', anyValue),
  keyArb.chain((field) => setTo(field, anyValue)),
);

/**
 * serviceUrl and deliveryMode together. Only with the reply service URL may the delivery mode
 * be other than 'expectReplies' (the replies are then posted there); see `mutatedActivity`.
 */
const addressing: fc.Arbitrary<Mutation[]> = fc.oneof<fc.MaybeWeightedArbitrary<Mutation[]>[]>(
  { arbitrary: fc.constant([]), weight: 6 },
  fc
    .oneof(
      notAString,
      fc.constantFrom('', 'not a url', 'javascript:alert(1)', 'file:///etc/passwd', 'http://[::1', LOOPBACK_SERVICE_URL, 'x'.repeat(2049)),
      hostileText,
    )
    .map((value) => [{ field: 'serviceUrl', value }]),
  fc.constant([{ field: 'serviceUrl', remove: true }]),
  fc
    .oneof(notAString, fc.constantFrom('x'.repeat(33), 'ExpectReplies', 'EXPECTREPLIES'))
    .map((value) => [{ field: 'deliveryMode', value }]),
  // With the reply service URL: normal delivery, the replies are posted to it.
  fc
    .oneof(fc.constantFrom('normal', 'notification', 'ephemeral', 'stream', ''), hostileText)
    .map((value) => [{ field: 'deliveryMode', value }]),
  fc.constant([{ field: 'deliveryMode', remove: true }]),
);

function applyMutations(activity: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const result: Record<string, unknown> = { ...activity };
  for (const mutation of mutations) {
    if ('remove' in mutation) delete result[mutation.field];
    else Object.defineProperty(result, mutation.field, { value: mutation.value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function describeMutation(mutation: Mutation): string {
  return 'remove' in mutation
    ? `-${mutation.field}`
    : `${mutation.field}=${typeof mutation.value === 'string' ? `string(${mutation.value.length})` : Array.isArray(mutation.value) ? 'array' : mutation.value === null ? 'null' : typeof mutation.value}`;
}

/** A message activity with one to four fields wrong, missing or hostile. */
export const mutatedActivity: fc.Arbitrary<ActivityCase> = fc
  .record({
    text: fc.oneof(hostileText, fc.constantFrom(...BOT_WORDS)),
    fields: fc.array(fieldMutation, { minLength: 1, maxLength: 4 }),
    addressing,
  })
  .map(({ text, fields, addressing }) => {
    const mutations = [...fields, ...addressing];
    const activity = applyMutations(baseActivity(text), mutations);
    // Replies go to serviceUrl unless they are expected in the response: only ever to loopback.
    const deliveryMode = activity['deliveryMode'];
    if (activity['serviceUrl'] !== replyServiceUrl && (deliveryMode === undefined || typeof deliveryMode === 'string')) {
      activity['deliveryMode'] = 'expectReplies';
    }
    return { activity, label: mutations.map(describeMutation).join(' ') };
  });

/** A well-formed message whose text is hostile: injection, controls, lone surrogates, huge. */
export const hostileMessage: fc.Arbitrary<ActivityCase> = fc
  .oneof(hostileText, hugeText)
  .map((text) => ({ activity: baseActivity(text), label: `text(${text.length})` }));

/** An Adaptive Card submit with no text and a random value; on Teams, sometimes with a mention of the bot. */
export const bogusCardSubmit: fc.Arbitrary<ActivityCase> = fc
  .record({ value: cardValue, channelId: fc.constantFrom('webchat', 'msteams', 'emulator'), mentionsBot: fc.boolean() })
  .map(({ value, channelId, mentionsBot }) => {
    const activity = baseActivity('');
    delete activity['text'];
    activity['value'] = value;
    activity['channelId'] = channelId;
    if (channelId === 'msteams') activity['channelData'] = { tenant: { id: 'tenant-1' } };
    if (mentionsBot)
      activity['entities'] = [{ type: 'mention', mentioned: { id: 'bot', name: 'Skin Guide' }, text: '<at>Skin Guide</at>' }];
    return { activity, label: `card submit on ${channelId}${mentionsBot ? ' mentioning the bot' : ''}` };
  });

/** What a person might send as the answer to a question: hostile or huge text, or a bogus card submit. */
export const hostileAnswer: fc.Arbitrary<{ text?: string; value?: unknown; label: string }> = fc.oneof(
  {
    arbitrary: fc
      .oneof(hostileText, fc.constantFrom(...BOT_WORDS, ...INJECTIONS))
      .map((text) => ({ text, label: `answer text(${text.length})` })),
    weight: 4,
  },
  {
    arbitrary: hugeText.filter((text) => text.length <= TEXT_LIMIT).map((text) => ({ text, label: `answer text(${text.length})` })),
    weight: 2,
  },
  { arbitrary: cardValue.map((value) => ({ value, label: 'answer card submit' })), weight: 2 },
);

/** An activity of another or unknown type, with whatever a Teams or Web Chat event might carry. */
export const otherTypeActivity: fc.Arbitrary<ActivityCase> = fc
  .record({
    type: fc.oneof(fc.constantFrom(...ACTIVITY_TYPES), fc.string({ minLength: 1, maxLength: 64 })),
    name: fc.option(fc.oneof(fc.constantFrom(...EVENT_AND_INVOKE_NAMES), notAString), { nil: undefined }),
    channelId: fc.constantFrom('webchat', 'msteams', 'emulator', 'directline'),
    membersAdded: fc.option(fc.oneof(notAnObject, fc.array(channelAccountArb, { maxLength: 3 })), { nil: undefined }),
    value: fc.option(cardValue, { nil: undefined }),
    channelData: fc.option(anyValue, { nil: undefined }),
    // Without expectReplies the replies (and an invoke's response) go to the reply service URL.
    deliveryMode: fc.constantFrom('expectReplies', 'expectReplies', 'normal', undefined),
  })
  .map(({ type, name, channelId, membersAdded, value, channelData, deliveryMode }) => {
    const activity: Record<string, unknown> = { ...baseActivity(''), type, channelId };
    delete activity['text'];
    if (deliveryMode === undefined) delete activity['deliveryMode'];
    else activity['deliveryMode'] = deliveryMode;
    if (name !== undefined) activity['name'] = name;
    if (membersAdded !== undefined) activity['membersAdded'] = membersAdded;
    if (value !== undefined) activity['value'] = value;
    if (channelData !== undefined) activity['channelData'] = channelData;
    return { activity, label: `type ${type.slice(0, 20)}${name !== undefined ? ` name` : ''}` };
  });

// ---------------------------------------------------------------------------------------------
// Raw bodies: not JSON, not an object, wrong content type or encoding

export interface RawCase {
  body: Buffer;
  contentType?: string;
  contentEncoding?: string;
  label: string;
}

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  'application/jsonp',
  'text/plain',
  'text/html',
  'text/csv',
  'text/tsv',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=fuzz',
  'application/octet-stream',
  'image/png',
  '*/*',
  'application/',
  'json',
  ';;;',
] as const;

const ENCODINGS = ['gzip', 'deflate', 'br', 'identity', 'compress', 'x-gzip', 'gzip, gzip', 'GZIP', ''] as const;

const activityJson = fc.constantFrom(...BOT_WORDS).map((text) => JSON.stringify(baseActivity(text)));

/** Bodies that are not a JSON object: broken JSON, other JSON values, forms, multipart, bytes. */
export const rawBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  activityJson.chain((json) => fc.nat({ max: json.length - 1 }).map((cut) => json.slice(0, cut))),
  activityJson.map((json) => `${json}${json}`),
  activityJson.map((json) => `[${json}]`),
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    '0',
    '"message"',
    '[]',
    '{}',
    '{"type":}',
    '{"__proto__":{"type":"message"}}',
    '{"type":"message","type":5}',
    '\ufeff{}',
    '{'.repeat(5000),
    '['.repeat(5000) + ']'.repeat(5000),
  ),
  fc.constantFrom(
    'type=message&text=hi&deliveryMode=expectReplies&serviceUrl=http%3A%2F%2F127.0.0.1%3A9',
    'type=message&from[id]=u&conversation[id]=c&channelId=webchat&deliveryMode=expectReplies',
    '--fuzz\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--fuzz--\r\n',
    '--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--fuzz--\r\n',
    'a,b,c\n1,2,3',
    '<activity><type>message</type></activity>',
  ),
);

export const rawBody: fc.Arbitrary<RawCase> = fc
  .record({
    text: rawBodyText,
    bytes: fc.option(fc.uint8Array({ maxLength: 200 }), { nil: undefined, freq: 4 }),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 8 }),
    contentEncoding: fc.option(fc.constantFrom(...ENCODINGS), { nil: undefined, freq: 3 }),
  })
  .map(({ text, bytes, contentType, contentEncoding }) => ({
    body: bytes ? Buffer.from(bytes) : Buffer.from(text, 'utf8'),
    ...(contentType !== undefined ? { contentType } : {}),
    ...(contentEncoding !== undefined ? { contentEncoding } : {}),
    label: `${bytes ? `bytes(${bytes.length})` : `text(${text.length})`} ${contentType ?? 'no content-type'}${contentEncoding !== undefined ? ` encoding ${contentEncoding}` : ''}`,
  }));

// ---------------------------------------------------------------------------------------------
// WhatsApp webhooks

export const WHATSAPP_MESSAGE_TYPES = [
  'text',
  'interactive',
  'image',
  'audio',
  'voice',
  'video',
  'sticker',
  'location',
  'contacts',
  'button',
  'reaction',
  'unsupported',
  'system',
  'order',
  '__proto__',
  '',
] as const;

const waIdArb = fc.oneof(
  fc.stringMatching(/^44770090\d{4}$/),
  fc.constantFrom('', '0', '__proto__', 'constructor', 'x'.repeat(32), 'x'.repeat(33)),
  fc.string({ maxLength: 32 }),
);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anyValue);

/** A message, right or wrong in every field. */
export const whatsappMessage: fc.Arbitrary<unknown> = fc.oneof(
  anyValue,
  fc.record(
    {
      from: maybe(waIdArb),
      id: maybe(
        fc.oneof(
          fc.uuid().map((id) => `wamid.${id}`),
          hostileText,
          fc.constant('x'.repeat(257)),
        ),
      ),
      timestamp: anyValue,
      type: maybe(fc.constantFrom(...WHATSAPP_MESSAGE_TYPES)),
      text: maybe(fc.record({ body: fc.oneof(hostileText, notAString, hugeText, fc.constantFrom(...BOT_WORDS)) }, { requiredKeys: [] })),
      interactive: maybe(
        fc.record(
          {
            type: maybe(fc.constantFrom('button_reply', 'list_reply', 'nfm_reply')),
            button_reply: maybe(
              fc.record(
                { id: maybe(fc.oneof(hostileText, fc.constantFrom(...BOT_WORDS))), title: maybe(hostileText) },
                { requiredKeys: [] },
              ),
            ),
            list_reply: maybe(
              fc.record(
                { id: maybe(fc.oneof(hostileText, fc.constantFrom(...BOT_WORDS))), title: maybe(hostileText), description: anyValue },
                { requiredKeys: [] },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
      context: anyValue,
      image: anyValue,
      errors: anyValue,
    },
    { requiredKeys: [] },
  ),
);

/** A message the inbound schema accepts, with hostile content: it reaches the bot. */
export const acceptedWhatsappMessage: fc.Arbitrary<unknown> = fc
  .record({
    // Mostly ten people, whose conversations move on through the questions; some new ones and odd ids.
    from: fc.oneof(
      { arbitrary: fc.stringMatching(/^4477009100\d$/), weight: 4 },
      { arbitrary: fc.stringMatching(/^44770091\d{4}$/), weight: 1 },
      { arbitrary: fc.constantFrom('__proto__', 'constructor', 'x'.repeat(32), '+', ' '), weight: 1 },
    ),
    id: fc.uuid().map((id) => `wamid.${id}`),
    kind: fc.constantFrom('text', 'button', 'list', 'other'),
    text: fc.oneof(
      hostileText,
      fc.constantFrom(...BOT_WORDS),
      hugeText.map((text) => text.slice(0, 65_536)),
    ),
    type: fc.constantFrom(...WHATSAPP_MESSAGE_TYPES.filter((type) => type !== '')),
  })
  .map(({ from, id, kind, text, type }) => {
    const base = { from, id, timestamp: '1795540000' };
    if (kind === 'text') return { ...base, type: 'text', text: { body: text } };
    if (kind === 'button')
      return { ...base, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: text, title: text.slice(0, 20) } } };
    if (kind === 'list')
      return { ...base, type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: text, title: text.slice(0, 24) } } };
    return { ...base, type, [type]: { id: 'media-1' } };
  });

const change = (messages: fc.Arbitrary<unknown[]>) =>
  fc.record(
    {
      field: maybe(fc.constantFrom('messages', 'statuses', 'account_update')),
      value: fc.oneof(
        notAnObject,
        fc.record(
          {
            messaging_product: maybe(fc.constant('whatsapp')),
            metadata: anyValue,
            contacts: anyValue,
            messages: fc.oneof(messages, notAnObject),
            statuses: fc.oneof(fc.array(jsonish, { maxLength: 3 }), notAnObject),
            errors: anyValue,
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  );

const envelope = (messages: fc.Arbitrary<unknown[]>) =>
  fc.record(
    {
      object: maybe(fc.constantFrom('whatsapp_business_account', 'page', 'instagram', '')),
      entry: fc.oneof(
        {
          arbitrary: fc.array(
            fc.record({ id: anyValue, changes: fc.oneof(fc.array(change(messages), { maxLength: 3 }), notAnObject) }, { requiredKeys: [] }),
            { maxLength: 3 },
          ),
          weight: 4,
        },
        notAnObject,
      ),
    },
    { requiredKeys: [] },
  );

/** A webhook as Meta sends it, around the given messages. */
const wellFormedEnvelope = (messages: fc.Arbitrary<unknown[]>) =>
  messages.map((list) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba-1',
        changes: [
          {
            field: 'messages',
            value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '109876543210' }, contacts: [], messages: list },
          },
        ],
      },
    ],
  }));

/** A webhook body with any part wrong, or a well-formed one whose messages are hostile. */
export const whatsappWebhook: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: anyValue, weight: 1 },
  { arbitrary: envelope(fc.array(fc.oneof(whatsappMessage, acceptedWhatsappMessage), { maxLength: 3 })), weight: 3 },
  {
    arbitrary: wellFormedEnvelope(
      fc.array(fc.oneof({ arbitrary: acceptedWhatsappMessage, weight: 3 }, { arbitrary: whatsappMessage, weight: 1 }), {
        minLength: 1,
        maxLength: 3,
      }),
    ),
    weight: 4,
  },
);

/** A signature header that is not the right one for the body. */
export const badSignature: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    '',
    'sha256=',
    'sha1=abc',
    'sha256=zz',
    'SHA256=00',
    `sha256=${'0'.repeat(64)}`,
    `sha256=${'a'.repeat(63)}`,
    `sha256=${'0'.repeat(128)}`,
  ),
  hostileText.map((text) => text.replace(/[^\x20-\x7e]/g, '')),
  fc.stringMatching(/^sha256=[0-9a-f]{64}$/),
);

export interface WebhookCase {
  body: string;
  /** 'valid': signed with the app secret; otherwise the header sent (absent when undefined). */
  signature: 'valid' | string | undefined;
  contentType?: string;
  label: string;
}

/** A webhook POST: a hostile body, mostly signed correctly (so it gets past the signature check), or not. */
export const webhookCase: fc.Arbitrary<WebhookCase> = fc
  .record({
    body: fc.oneof(
      { arbitrary: whatsappWebhook.map((json) => JSON.stringify(json)), weight: 6 },
      { arbitrary: rawBodyText, weight: 1 },
      {
        arbitrary: hugeText.map((text) =>
          JSON.stringify({
            object: 'whatsapp_business_account',
            entry: [
              {
                changes: [
                  { value: { messages: [{ from: '447700912345', id: `wamid.${text.length}`, type: 'text', text: { body: text } }] } },
                ],
              },
            ],
          }),
        ),
        weight: 1,
      },
    ),
    signed: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
    badSignature,
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 3 }),
  })
  .map(({ body, signed, badSignature, contentType }) => ({
    body,
    signature: signed ? 'valid' : badSignature,
    ...(contentType !== undefined ? { contentType } : {}),
    label: `${signed ? 'signed' : 'badly signed'} body(${body.length})${contentType !== undefined ? ` ${contentType}` : ''}`,
  }));

/** Meta's verification GET with hostile parameters: the right token only sometimes. */
export const verificationQuery = (rightToken: string): fc.Arbitrary<{ query: string; label: string; right: boolean }> =>
  fc
    .record({
      mode: fc.option(fc.oneof(fc.constantFrom('subscribe', 'unsubscribe', 'SUBSCRIBE', ''), hostileText), { nil: undefined }),
      token: fc.option(fc.oneof(fc.constant(rightToken), fc.constant(`${rightToken} `), hostileText), { nil: undefined }),
      challenge: fc.option(fc.oneof(fc.stringMatching(/^\d{1,12}$/), hostileText, fc.constantFrom(...INJECTIONS)), { nil: undefined }),
      duplicate: fc.boolean(),
      raw: fc.option(fc.constantFrom('%', '%zz', '&&&', '=&=', 'hub.mode', '%00', '%E0%A4%A', '%uD800', '?'), { nil: undefined, freq: 4 }),
    })
    .map(({ mode, token, challenge, duplicate, raw }) => {
      const params = new URLSearchParams();
      if (mode !== undefined) params.append('hub.mode', mode);
      if (token !== undefined) params.append('hub.verify_token', token);
      if (challenge !== undefined) params.append('hub.challenge', challenge);
      if (duplicate) params.append('hub.mode', 'unsubscribe');
      const query = `${params.toString()}${raw !== undefined ? `&${raw}` : ''}`;
      return { query, label: `verification ${query.slice(0, 60)}`, right: mode === 'subscribe' && token === rightToken };
    });
