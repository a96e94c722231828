import { expect } from 'chai';
import { loadKnowledgeBase } from '../../src/knowledge/index.js';
import { readDepthAnswer, readGoalAnswer } from '../../src/understanding/goal-and-depth.js';
import { detectCommand, isAfterTreatmentReport, looksLikeQuestion } from '../../src/understanding/intents.js';
import { testReader } from './test-reader.js';

/**
 * One test per entry of knowledge/en/conversation.json and retrieval.json (the English words
 * that left the code): each word in a sentence of its own, so a word deleted from the data fails
 * its test. The quality of the whole is measured elsewhere (intents, retrieval, answer tables).
 */
const reader = testReader();
const { conversation, retrieval } = reader.compiled.knowledge;
const typed = (phrase: string) => phrase.replace(/ \*$/, ' to the team').replace(/\*/g, 'ing');
const today = new Date('2026-12-01T10:00:00Z');

describe('Everyday words of the conversation, entry by entry', () => {
  for (const [command, phrases] of Object.entries(conversation.commands)) {
    for (const phrase of phrases) {
      it(`command ${command}: "${typed(phrase)}"`, () => expect(detectCommand(typed(phrase), reader)).to.equal(command));
    }
  }
  for (const word of conversation.politeness) {
    it(`politeness "${word}": "${word} forget me"`, () => expect(detectCommand(`${word} forget me`, reader)).to.equal('forgetMe'));
  }
  for (const leadIn of conversation.questionLeadIns) {
    it(`question lead-in "${leadIn}": "${leadIn} is it painful"`, () =>
      expect(looksLikeQuestion(`${leadIn} is it painful`, reader)).to.equal(true));
  }
  const report = conversation.treatmentReport;
  for (const had of report.had) {
    const text = `${had} ${typed(report.done[0]!)} and my face is red`;
    it(`report "had" ${had}: "${text}"`, () => expect(isAfterTreatmentReport(text, reader)).to.equal(true));
  }
  for (const done of report.done) {
    const text = `${report.had[0]} ${typed(done)} and my face is red`;
    it(`report "done" ${done}: "${text}"`, () => expect(isAfterTreatmentReport(text, reader)).to.equal(true));
  }
  for (const procedure of report.procedures) {
    const text = `my face is red ${report.after[0]} ${typed(procedure)}`;
    it(`report procedure ${procedure}: "${text}"`, () => expect(isAfterTreatmentReport(text, reader)).to.equal(true));
  }
  for (const after of report.after) {
    const text = `my face is red ${after} ${typed(report.procedures[0]!)}`;
    it(`report "after" ${after}: "${text}"`, () => expect(isAfterTreatmentReport(text, reader)).to.equal(true));
  }
  for (const article of report.articles) {
    const text = `my face is red ${report.after[0]} ${article} ${typed(report.procedures[0]!)}`;
    it(`report article ${article}: "${text}"`, () => expect(isAfterTreatmentReport(text, reader)).to.equal(true));
  }
  for (const word of report.skinWords) {
    const text = `${report.had[0]} ${typed(report.done[0]!)}, ${typed(word)}`;
    it(`report skin word ${word}: "${text}"`, () => expect(isAfterTreatmentReport(text, reader)).to.equal(true));
  }
  for (const [goal, words] of Object.entries(conversation.goal)) {
    for (const word of words) it(`goal ${goal}: "${word}"`, () => expect(readGoalAnswer({ text: word }, reader)).to.equal(goal));
  }
  const depth = conversation.depth;
  for (const kind of ['deep', 'shallow', 'both'] as const) {
    for (const word of depth[kind]) {
      it(`depth ${kind}: "${word}"`, () => expect(readDepthAnswer({ text: word }, reader, 'deepScars', today)).to.equal(kind));
    }
  }
  for (const negation of depth.negations) {
    const text = `${negation} ${depth.deep[0]}, ${depth.shallow[0]}`;
    it(`depth negation "${negation}": "${text}"`, () => expect(readDepthAnswer({ text }, reader, 'deepScars', today)).to.equal('shallow'));
  }
  for (const softener of depth.softeners) {
    const text = `${depth.negations[1]} ${softener} ${depth.deep[0]}, ${depth.shallow[0]}`;
    it(`depth softener "${softener}": "${text}"`, () => expect(readDepthAnswer({ text }, reader, 'deepScars', today)).to.equal('shallow'));
  }
});

describe('Retrieval words, entry by entry', () => {
  const { analysis } = loadKnowledgeBase(undefined, reader);
  for (const word of retrieval.stopWords) it(`stop word "${word}"`, () => expect(analysis.analyse(word)).to.deep.equal([]));
  for (const [word, synonym] of Object.entries(retrieval.synonyms)) {
    it(`synonym ${word} -> ${synonym}`, () => expect(analysis.analyse(word)).to.deep.equal(analysis.analyse(synonym)));
  }
  for (const family of retrieval.families) {
    for (const start of family.starts)
      it(`family ${family.word}: ${start}...`, () => expect(analysis.canonicalWord(`${start}ing`)).to.equal(family.word));
  }
  for (const join of retrieval.joins) {
    for (const first of join.first)
      for (const next of join.next)
        it(`join "${first} ${next}..."`, () => expect(analysis.words(`${first} ${next}ling`)).to.deep.equal([`${first}${next}ling`]));
  }
  for (const marker of retrieval.markers) {
    for (const phrase of marker.phrases) it(`marker "${phrase}"`, () => expect(analysis.words(phrase)).to.include(marker.adds));
  }
});
