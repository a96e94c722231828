import { ActionTypes, ActivityTypes, CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { Strings } from '../strings/index.js';
import { capabilitiesOf } from './capabilities.js';
import type { BookingOffer, ResultReply, SummaryReply } from './replies.js';
import { citedAnswers } from './render-kb-answer.js';
import { bold, paragraphs, sectionText } from './text-style.js';

/**
 * The result as the channel shows it, in two messages at most: the outcome with its reasons,
 * the advice for each concern (with one numbering of its sources) and the notes; then the
 * summary, with the booking offer on it where the chat offers booking (a card button; on a
 * plain-text channel the address, once).
 */
export function renderResult(reply: ResultReply, channelId: string | undefined, strings: Strings): Partial<Activity>[] {
  const activities = [resultMessage(reply, channelId, strings)];
  if (reply.summary) activities.push(summaryMessage(reply.summary, reply.booking, channelId));
  else if (reply.booking) activities.push(bookingMessage(reply.booking, channelId));
  return activities;
}

function resultMessage(reply: ResultReply, channelId: string | undefined, strings: Strings): Partial<Activity> {
  const markdown = capabilitiesOf(channelId).markdown;
  const cited = reply.advice.length > 0 ? citedAnswers(reply.advice, channelId, strings) : undefined;
  const advice = reply.advice.map((entry, i) => paragraphs(bold(entry.title, channelId), cited!.answers[i]!));
  const text = paragraphs(
    reply.before.join('\n'),
    bold(reply.headline, channelId),
    sectionText(reply.reasons),
    ...advice,
    sectionText(reply.notes),
    cited?.sources ?? '',
  );
  return {
    type: ActivityTypes.Message,
    text,
    ...(markdown ? { textFormat: 'markdown' } : {}),
    ...(cited ? { entities: [cited.entity] } : {}),
  };
}

/** The summary as plain lines: what a card says, for a screen reader and for channels without cards. */
function summaryLines(summary: SummaryReply): string[] {
  return [
    ...summary.facts.map((fact) => `${fact.title}: ${fact.value}`),
    ...(summary.reasons.lines.length > 0 ? [sectionText(summary.reasons)] : []),
    summary.disclaimer,
  ];
}

function summaryMessage(summary: SummaryReply, booking: BookingOffer | undefined, channelId: string | undefined): Partial<Activity> {
  if (!capabilitiesOf(channelId).adaptiveCards) {
    const lines = [bold(summary.title, channelId), ...summaryLines(summary)];
    return { type: ActivityTypes.Message, text: paragraphs(lines.join('\n'), booking ? `${booking.label}: ${booking.url}` : '') };
  }
  return { type: ActivityTypes.Message, text: summary.intro, attachments: [summaryCard(summary, booking)] };
}

/**
 * The summary a person can show a practitioner, as an Adaptive Card 1.5 (Teams' ceiling), with
 * the booking button when the chat offers booking. Its `speak` is what Web Chat's screen reader
 * says for it (instead of "1 attachment").
 */
function summaryCard(summary: SummaryReply, booking: BookingOffer | undefined): Attachment {
  const reasons =
    summary.reasons.lines.length === 0
      ? []
      : [
          { type: 'TextBlock', text: summary.reasons.title, weight: 'Bolder', spacing: 'Medium', wrap: true },
          ...summary.reasons.lines.map((line) => ({ type: 'TextBlock', text: `• ${line}`, wrap: true, spacing: 'Small' })),
        ];
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: [summary.title, ...summaryLines(summary)].join('\n'),
    body: [
      { type: 'TextBlock', text: summary.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: summary.facts },
      ...reasons,
      { type: 'TextBlock', text: summary.disclaimer, isSubtle: true, wrap: true, size: 'Small', spacing: 'Medium' },
    ],
    ...(booking ? { actions: [{ type: 'Action.OpenUrl', title: booking.label, url: booking.url }] } : {}),
  });
}

/** Booking without a summary (a check that has none): a button where the channel shows cards, else the address once. */
function bookingMessage(booking: BookingOffer, channelId: string | undefined): Partial<Activity> {
  if (!capabilitiesOf(channelId).adaptiveCards) return { type: ActivityTypes.Message, text: `${booking.label}: ${booking.url}` };
  const button = { type: ActionTypes.OpenUrl, title: booking.label, value: booking.url };
  return { type: ActivityTypes.Message, attachments: [CardFactory.heroCard('', undefined, [button])] };
}
