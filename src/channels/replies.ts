import type { KbEntry } from '../knowledge/index.js';

/**
 * What the bot says at the end of a check, decided as data by the dialogs (in the person's
 * language, from the strings and the rule table) and turned into activities by one renderer per
 * channel (render-result.ts, render-emergency.ts). No channel's format is decided here.
 */

/** A titled list: "Why:" and its reasons, "Good to know:" and its notes, "What to do now" and its steps. */
export interface Section {
  title: string;
  lines: readonly string[];
}

export interface BookingOffer {
  label: string;
  url: string;
}

/** The summary a person can show a practitioner: facts, the reasons, nothing the person typed. */
export interface SummaryReply {
  /** Says what the summary is for ("Here is a summary you can show a practitioner."). */
  intro: string;
  title: string;
  facts: ReadonlyArray<{ title: string; value: string }>;
  reasons: Section;
  disclaimer: string;
}

/**
 * The result of a screening or an after-treatment check (any outcome but an emergency or urgent
 * one, which is a RedFlagReply), or of a correction after it.
 */
export interface ResultReply {
  /** Said before the outcome: what a correction changed, and whether the answer changes. */
  before: readonly string[];
  /** The outcome in the check's own words. */
  headline: string;
  /** The reasons that apply; none that restates the headline. */
  reasons: Section;
  /** The curated advice for each concern, with its sources (the first announcement only). */
  advice: readonly KbEntry[];
  /** Each advisory note once: none the advice already says. */
  notes: Section;
  /** A new summary: at the first announcement, and after a correction that changed the outcome. */
  summary?: SummaryReply;
  /** Only where the chat itself offers booking (not beside the chat page's booking panel). */
  booking?: BookingOffer;
}

/**
 * An emergency or urgent instruction (SAFETY-SPEC: call now; contact the practitioner or urgent
 * care today), or a later answer under it: the instruction first, what the signs may mean or the
 * answer to what the person asked, what to do now and what else, and the number to call.
 */
export interface RedFlagReply {
  outcome: 'emergency' | 'urgent';
  /** The instruction, first on every channel ("Call 999 now."). */
  headline: string;
  /** What the signs may mean, or the answer to what the person asked. */
  lead: readonly string[];
  sections: readonly Section[];
  /** A tap-to-call button where the channel can dial; elsewhere the text names the number. */
  call?: { label: string; number: string };
}
