/**
 * The reader on held-out phrasings no test uses: warning-sign recall, R-RF-SEPSIS read as
 * emergency, signs that must not escalate, signs about someone else now, folded text, early
 * answers taken or wrongly taken, and questions typed without a question mark. Two sets:
 * bench/fresh-phrasings.ts (written before the issue-27 work; its misses were seen while working)
 * and bench/fresh-phrasings-2.ts (written after it, run once). Prints figures; asserts nothing.
 *
 *   npx tsx bench/reader-fresh.ts [--list]   (--list prints every miss)
 */
import { answerQuestion, loadKnowledgeBase } from '../src/knowledge/index.js';
import { loadRuleTable, readField } from '../src/safety/index.js';
import { detectCommand, looksLikeQuestion } from '../src/understanding/intents.js';
import { namedAnswers } from '../src/understanding/question-answers.js';
import { readRedFlags } from '../src/understanding/reader/index.js';
import { reader, today } from '../test/understanding/reader/helpers.js';
import { earlyCases, foldCases, otherNowCases, questionCases, signCases, type EarlyCase, type SignExpectation } from './fresh-phrasings.js';
import { earlyCases2, otherNowCases2, questionCases2, signCases2 } from './fresh-phrasings-2.js';

const list = process.argv.includes('--list');
const kb = loadKnowledgeBase(undefined, reader);
const rules = loadRuleTable();
const rate = (label: string, hits: number, total: number) =>
  console.log(
    `  ${label.padEnd(56)} ${String(hits).padStart(3)}/${String(total).padEnd(3)} ${((100 * hits) / Math.max(1, total)).toFixed(0).padStart(4)} %`,
  );
const decisionOf = (text: string) => readRedFlags(text, reader).decision;

interface FreshSet {
  name: string;
  signs: [string, SignExpectation][];
  otherNow: string[];
  early: EarlyCase[];
  questions: string[];
  fold?: [string, 'emergency' | 'forget-me'][];
}

function measure(set: FreshSet): void {
  const misses: string[] = [];
  const escalating = set.signs.filter(([, expected]) => expected !== 'not-escalated');
  const recalled = escalating.filter(([text]) => {
    const got = decisionOf(text);
    const ok = got === 'emergency' || got === 'urgent' || got === 'confirm';
    if (!ok) misses.push(`sign missed: ${text} -> ${got}`);
    return ok;
  });
  const exact = escalating.filter(([text, expected]) => {
    const got = decisionOf(text);
    if (got !== expected) misses.push(`sign outcome: ${text} -> ${got}, expected ${expected}`);
    return got === expected;
  });
  const sepsis = set.signs.filter(
    ([text, expected]) => expected === 'emergency' && /red|rash/i.test(text) && !/lip|face|throat/i.test(text),
  );
  const sepsisRight = sepsis.filter(([text]) => decisionOf(text) === 'emergency');
  const quiet = set.signs.filter(([, expected]) => expected === 'not-escalated');
  const quietRight = quiet.filter(([text]) => {
    const got = decisionOf(text);
    if (got === 'emergency' || got === 'urgent') misses.push(`escalated: ${text} -> ${got}`);
    return got !== 'emergency' && got !== 'urgent';
  });
  const otherRight = set.otherNow.filter((text) => {
    const result = readRedFlags(text, reader);
    const ok = (result.decision === 'none' || result.decision === 'confirm') && result.forSomeoneElse?.outcome === 'emergency';
    if (!ok) misses.push(`someone else now: ${text} -> ${result.decision}, for them ${result.forSomeoneElse?.outcome}`);
    return ok;
  });
  let takesRight = 0;
  let takesTotal = 0;
  let wrong = 0;
  let wrongTotal = 0;
  for (const testCase of set.early) {
    const { found } = namedAnswers(testCase.text, { reader, today });
    for (const [field, value] of Object.entries(testCase.takes ?? {})) {
      takesTotal += 1;
      const got = readField(found, field);
      if (JSON.stringify(got) === JSON.stringify(value)) takesRight += 1;
      else misses.push(`early answer missed: ${testCase.text}: ${field} ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
    }
    for (const field of testCase.notTaken ?? []) {
      wrongTotal += 1;
      const got = readField(found, field);
      if (got === 'yes' || typeof got === 'number' || got === 'current') {
        wrong += 1;
        misses.push(`early answer wrong: ${testCase.text}: ${field} ${JSON.stringify(got)}`);
      }
    }
  }
  const answered = set.questions.filter((text) => {
    const question = looksLikeQuestion(text, reader);
    const reply = answerQuestion(text, { answers: {} }, { kb, rules, today });
    const ok = question && (reply.kind === 'entry' || reply.kind === 'rule');
    if (!ok) misses.push(`question: ${text} -> looks like a question ${question}, ${reply.kind}`);
    return ok;
  });
  console.log(set.name);
  rate('warning signs escalated or asked about (recall)', recalled.length, escalating.length);
  rate('warning signs with the exact outcome', exact.length, escalating.length);
  rate('spreading redness + systemic sign read as emergency', sepsisRight.length, sepsis.length);
  rate('negated / other / hypothetical / mild not escalated', quietRight.length, quiet.length);
  rate('someone else now: instruction for them', otherRight.length, set.otherNow.length);
  if (set.fold) {
    const foldRight = set.fold.filter(([text, expected]) => {
      const ok = expected === 'emergency' ? decisionOf(text) === 'emergency' : detectCommand(text, reader) === 'forgetMe';
      if (!ok) misses.push(`fold: ${JSON.stringify(text)}`);
      return ok;
    });
    rate('invisible or look-alike characters read', foldRight.length, set.fold.length);
  }
  rate('early answers taken right', takesRight, takesTotal);
  rate('early answers taken wrongly (lower is better)', wrong, wrongTotal);
  rate('in-scope questions without "?" answered', answered.length, set.questions.length);
  if (list) for (const miss of misses) console.log(`    ${miss}`);
}

console.log(`reader on held-out phrasings, ${new Date().toISOString().slice(0, 10)}`);
measure({
  name: 'set 1 (bench/fresh-phrasings.ts)',
  signs: signCases,
  otherNow: otherNowCases,
  early: earlyCases,
  questions: questionCases,
  fold: foldCases,
});
measure({
  name: 'set 2 (bench/fresh-phrasings-2.ts)',
  signs: signCases2,
  otherNow: otherNowCases2,
  early: earlyCases2,
  questions: questionCases2,
});
