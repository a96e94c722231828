import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from './dialog-deps.js';
import { emptyAssessment, type AssessmentRecord } from './assessment-record.js';
import type { FormAnswers } from '../src/safety/index.js';

/** The conversation's assessment record, created on first use. */
export async function assessmentOf(step: WaterfallStepContext, deps: DialogDeps): Promise<AssessmentRecord> {
  return deps.accessors.assessment.get(step.context, emptyAssessment());
}

/** Changes the assessment record; it is saved with the turn. */
export async function updateAssessment(
  step: WaterfallStepContext,
  deps: DialogDeps,
  change: (record: AssessmentRecord) => void,
): Promise<AssessmentRecord> {
  const record = await assessmentOf(step, deps);
  change(record);
  await deps.accessors.assessment.set(step.context, record);
  return record;
}

/** Puts a form's answers (and what is still tentative) into the record. */
export function withForm(record: AssessmentRecord, form: FormAnswers): void {
  record.answers = form.answers;
  if (form.tentative && form.tentative.length > 0) record.tentative = form.tentative;
  else delete record.tentative;
}
