/**
 * The reader on a held-out set of phrasings (bench/fresh-phrasings.ts) that no test uses:
 * warning-sign recall, R-RF-SEPSIS read as emergency, signs that must not escalate, signs about
 * someone else now, folded text, early answers taken or wrongly taken, and questions typed without
 * a question mark. Prints figures; asserts nothing.
 *
 *   npx tsx bench/reader-fresh.ts [--list]   (--list prints every miss)
 */
import { answerQuestion, loadKnowledgeBase } from '../src/knowledge/index.js';
import { loadRuleTable, readField } from '../src/safety/index.js';
import { detectCommand, looksLikeQuestion } from '../src/understanding/intents.js';
import { namedAnswers } from '../src/understanding/question-answers.js';
import { readRedFlags } from '../src/understanding/reader/index.js';
import { reader, today } from '../test/understanding/reader/helpers.js';
import { earlyCases, foldCases, otherNowCases, questionCases, signCases } from './fresh-phrasings.js';

const list = process.argv.includes('--list');
const misses: string[] = [];
const rate = (label: string, hits: number, total: number) =>
  console.log(
    `${label.padEnd(58)} ${String(hits).padStart(3)}/${String(total).padEnd(3)} ${((100 * hits) / total).toFixed(0).padStart(4)} %`,
  );

const decisionOf = (text: string) => readRedFlags(text, reader).decision;

const escalating = signCases.filter(([, expected]) => expected !== 'not-escalated');
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
const sepsis = signCases.filter(([text, expected]) => expected === 'emergency' && /red/i.test(text) && !/lip|face|throat/i.test(text));
const sepsisRight = sepsis.filter(([text]) => decisionOf(text) === 'emergency');
const quiet = signCases.filter(([, expected]) => expected === 'not-escalated');
const quietRight = quiet.filter(([text]) => {
  const got = decisionOf(text);
  if (got === 'emergency' || got === 'urgent') misses.push(`escalated: ${text} -> ${got}`);
  return got !== 'emergency' && got !== 'urgent';
});
const otherRight = otherNowCases.filter((text) => {
  const result = readRedFlags(text, reader) as { decision: string; forSomeoneElse?: { outcome: string } };
  const ok = (result.decision === 'none' || result.decision === 'confirm') && result.forSomeoneElse?.outcome === 'emergency';
  if (!ok) misses.push(`someone else now: ${text} -> ${result.decision}, for them ${result.forSomeoneElse?.outcome}`);
  return ok;
});
const foldRight = foldCases.filter(([text, expected]) => {
  const ok = expected === 'emergency' ? decisionOf(text) === 'emergency' : detectCommand(text, reader) === 'forgetMe';
  if (!ok) misses.push(`fold: ${JSON.stringify(text)}`);
  return ok;
});

const takesWrongly: string[] = [];
const takesRight: string[] = [];
let takesTotal = 0;
let wrongTotal = 0;
for (const testCase of earlyCases) {
  const { found } = namedAnswers(testCase.text, { reader, today });
  for (const [field, value] of Object.entries(testCase.takes ?? {})) {
    takesTotal += 1;
    const got = readField(found, field);
    if (JSON.stringify(got) === JSON.stringify(value)) takesRight.push(testCase.text);
    else misses.push(`early answer missed: ${testCase.text}: ${field} ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
  }
  for (const field of testCase.notTaken ?? []) {
    wrongTotal += 1;
    const got = readField(found, field);
    const wrong = got === 'yes' || typeof got === 'number' || got === 'current';
    if (wrong) {
      takesWrongly.push(testCase.text);
      misses.push(`early answer wrong: ${testCase.text}: ${field} ${JSON.stringify(got)}`);
    }
  }
}

const kb = loadKnowledgeBase();
const rules = loadRuleTable();
const answered = questionCases.filter((text) => {
  const question = looksLikeQuestion(text, reader);
  const reply = answerQuestion(text, { answers: {} }, { kb, rules, today });
  const ok = question && (reply.kind === 'entry' || reply.kind === 'rule');
  if (!ok) misses.push(`question: ${text} -> looks like a question ${question}, ${reply.kind}`);
  return ok;
});

console.log(`reader on held-out phrasings (bench/fresh-phrasings.ts), ${new Date().toISOString().slice(0, 10)}`);
rate('warning signs escalated or asked about (recall)', recalled.length, escalating.length);
rate('warning signs with the exact outcome', exact.length, escalating.length);
rate('spreading redness + systemic sign read as emergency', sepsisRight.length, sepsis.length);
rate('negated / other / hypothetical / mild not escalated', quietRight.length, quiet.length);
rate('someone else now: instruction for them', otherRight.length, otherNowCases.length);
rate('invisible or look-alike characters read', foldRight.length, foldCases.length);
rate('early answers taken right', takesRight.length, takesTotal);
rate('early answers taken wrongly (lower is better)', takesWrongly.length, wrongTotal);
rate('in-scope questions without "?" answered', answered.length, questionCases.length);
if (list) for (const miss of misses) console.log(`  ${miss}`);
