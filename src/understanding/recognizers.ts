import { DateTimeRecognizer, type IDateTimeModel } from '@microsoft/recognizers-text-date-time';
import type { ModelResult } from '@microsoft/recognizers-text';

const CULTURE = 'en-us';

/**
 * The longest text given to the date recognizer; a longer one is not read as a
 * date (the question is asked again). The models take time far beyond linear in the length of
 * some texts: 2,000 characters of "no no no ..." kept the choice model busy for 3.6 s, the
 * 20,000 a message may hold for about an hour, with the whole server stalled (found by the
 * fuzz suite). At this length the slowest text found costs the date model about 0.2 s.
 */
export const MAX_RECOGNIZED_LENGTH = 200;

/**
 * The recognizer models, built once and reused: the suite's convenience functions build a
 * recognizer on every call, which costs more than the parse itself on a busy turn path.
 */
let dateTimeModel: IDateTimeModel | undefined;

export function parseDateTimes(text: string, referenceDate: Date): ModelResult[] {
  if (text.length > MAX_RECOGNIZED_LENGTH) return [];
  dateTimeModel ??= new DateTimeRecognizer(CULTURE).getDateTimeModel();
  return dateTimeModel.parse(text, referenceDate);
}
