import { DateTimeRecognizer, type IDateTimeModel } from '@microsoft/recognizers-text-date-time';
import { NumberRecognizer } from '@microsoft/recognizers-text-number';
import { ChoiceRecognizer } from '@microsoft/recognizers-text-choice';
import type { IModel, ModelResult } from '@microsoft/recognizers-text';

const CULTURE = 'en-us';

/**
 * The recognizer models, built once and reused: the suite's convenience functions build a
 * recognizer on every call, which costs more than the parse itself on a busy turn path.
 */
let dateTimeModel: IDateTimeModel | undefined;
let numberModel: IModel | undefined;
let booleanModel: IModel | undefined;

export function parseDateTimes(text: string, referenceDate: Date): ModelResult[] {
  dateTimeModel ??= new DateTimeRecognizer(CULTURE).getDateTimeModel();
  return dateTimeModel.parse(text, referenceDate);
}

export function parseNumbers(text: string): ModelResult[] {
  numberModel ??= new NumberRecognizer(CULTURE).getNumberModel();
  return numberModel.parse(text);
}

export function parseBooleans(text: string): ModelResult[] {
  booleanModel ??= new ChoiceRecognizer(CULTURE).getBooleanModel();
  return booleanModel.parse(text);
}
