import { expect } from 'chai';

import { answerQuestion, loadKnowledgeBase, type KbReply } from '../../src/knowledge/index.js';
import { foldForComparison } from '../../src/knowledge/text.js';
import { assess, loadRuleTable } from '../../src/safety/index.js';
import { IN_SCOPE, IN_SCOPE_UNANSWERED, OFF_TOPIC, OTHER_TREATMENTS } from './answer-cases.js';
import { AT_HOME_QUESTIONS, AT_HOME_STATED, PEOPLE_WITH_A_REASON, SAFETY_QUESTIONS } from './safety-question-cases.js';

const REQUIRED_ACCURACY = 0.95;
/** The clock is injected: dates in answers are read against this day. */
const TODAY = new Date('2025-06-01T00:00:00Z');
/** What N-DIY says: never to anyone with a reason against micro-needling. */
const EXPERT_ADVICE_AT_HOME = /at home only with (the )?advice|only with advice from an expert|with an expert'?s advice/i;

describe('answerQuestion: answers that fit the person', () => {
  const kb = loadKnowledgeBase();
  const rules = loadRuleTable();
  const deps = { kb, rules, today: TODAY };
  const nobody = { answers: {} };
  const ask = (question: string, person: Parameters<typeof answerQuestion>[1] = nobody) => answerQuestion(question, person, deps);
  const describeReply = (reply: KbReply) =>
    reply.kind === 'entry' ? `entry ${reply.entry.id}` : reply.kind === 'rule' ? `rule ${reply.ruleIds.join(',')}` : reply.kind;
  const ruleSentence = (id: string) => rules.rules.find((r) => r.id === id)!.sentence;
  const textOf = (reply: KbReply) =>
    reply.kind === 'entry'
      ? [...(reply.personal ?? []), reply.entry.answer].join(' ')
      : reply.kind === 'rule'
        ? reply.sentences.join(' ')
        : '';

  describe('in-scope questions, paraphrased with typos', () => {
    it('are worded differently from the entries’ own questions, and name entries that exist', () => {
      const variants = new Set(kb.entries.flatMap((e) => e.questions.map(foldForComparison)));
      expect(IN_SCOPE.filter(([q]) => variants.has(foldForComparison(q)))).to.deep.equal([]);
      expect(IN_SCOPE.filter(([, id]) => !kb.entryById(id))).to.deep.equal([]);
      expect(IN_SCOPE.length).to.be.at.least(150);
    });

    it(`get the right entry first for at least ${REQUIRED_ACCURACY * 100}%`, () => {
      const misses = IN_SCOPE.map(([q, id]) => [q, id, describeReply(ask(q))] as const).filter(([, id, got]) => got !== `entry ${id}`);
      const correct = IN_SCOPE.length - misses.length;
      console.log(`      answerQuestion retrieval: ${correct}/${IN_SCOPE.length} = ${((100 * correct) / IN_SCOPE.length).toFixed(1)}%`);
      for (const [q, id, got] of misses) console.log(`        miss: "${q}": expected ${id}, got ${got}`);
      expect(correct / IN_SCOPE.length).to.be.at.least(REQUIRED_ACCURACY);
    });
  });

  describe('other treatments and adjacent topics are declined, never answered with an entry', () => {
    it('has enough cases', () => expect(OTHER_TREATMENTS.length + OFF_TOPIC.length).to.be.at.least(80));
    for (const question of OTHER_TREATMENTS) {
      it(`"${question}" -> out of scope`, () => expect(describeReply(ask(question))).to.equal('out-of-scope'));
    }
    for (const question of OFF_TOPIC) {
      it(`"${question}" (off topic) -> no entry`, () => expect(['out-of-scope', 'none']).to.include(ask(question).kind));
    }
    for (const question of IN_SCOPE_UNANSWERED) {
      it(`"${question}" (in scope, not in the guide) -> none`, () => expect(ask(question).kind).to.equal('none'));
    }
    it('answers the laser comparison only when it is a comparison', () => {
      expect(describeReply(ask('is microneedling better than laser'))).to.equal('entry vs-laser');
      expect(describeReply(ask('how much does laser hair removal cost'))).to.equal('out-of-scope');
      expect(describeReply(ask('how much does laser resurfacing cost'))).to.equal('out-of-scope');
    });
  });

  describe('safety questions, answered from the rule table', () => {
    it('has enough cases', () => expect(SAFETY_QUESTIONS.length).to.be.at.least(40));
    for (const [question, ruleId, answers] of SAFETY_QUESTIONS) {
      it(`"${question}" -> ${ruleId}'s sentence, for a person the bot knows nothing about`, () => {
        const reply = ask(question);
        expect(reply.kind, describeReply(reply)).to.equal('rule');
        if (reply.kind !== 'rule') return;
        expect(reply.ruleIds).to.include(ruleId);
        const reason = reply.reasons.find((r) => r.ruleId === ruleId)!;
        // The rule's own words (a sentence with a date the question does not give is left out).
        expect(ruleSentence(ruleId)).to.include(reason.sentence.split('. ')[0]!);
        const tags = rules.rules.find((r) => r.id === ruleId)!.sources;
        for (const tag of tags) expect(reply.sources.map((s) => s.tag)).to.include(tag);
      });
      it(`"${question}" -> ${ruleId}, said as theirs for a person who answered ${JSON.stringify(answers)}`, () => {
        const reply = ask(question, { answers });
        expect(reply.kind, describeReply(reply)).to.equal('rule');
        if (reply.kind !== 'rule') return;
        const reason = reply.reasons.find((r) => r.ruleId === ruleId);
        expect(reason, describeReply(reply)).to.not.equal(undefined);
        expect(reason!.appliesToPerson).to.equal(true);
        const fired = assess(answers, TODAY, rules).reasons.find((r) => r.ruleId === ruleId)!;
        expect(reason!.sentence).to.equal(fired.sentence);
      });
    }

    it('"is there an age limit?" says 18; a minor gets no consultation offer', () => {
      const reply = ask('is there an age limit?');
      expect(textOf(reply)).to.match(/\b18\b/);
      expect(reply.kind === 'rule' && reply.consultation).to.equal(false);
    });

    it('"should I stop my warfarin first?", isotretinoin and daily aspirin: never stop a prescribed medicine on your own', () => {
      for (const question of [
        'should I stop my warfarin first?',
        'should i stop taking accutane before microneedling',
        'should I stop my daily aspirin?',
      ]) {
        expect(textOf(ask(question)), question).to.match(
          /do not stop or change a prescribed medicine on your own|never stop or change a prescribed medicine on your own/i,
        );
      }
    });

    it('gives the date 6 months after stopping isotretinoin, read from the question', () => {
      const reply = ask('I stopped roaccutane 2 months ago, can I have microneedling?');
      expect(reply.kind === 'rule' && reply.ruleIds).to.deep.equal(['R-ISO-RECENT']);
      expect(textOf(reply)).to.match(/Until \d+ \w+ 2025/);
    });

    it('does not treat a negated or past mention as the rule’s question', () => {
      expect(describeReply(ask("I don't have diabetes, can I do it at home?"))).to.equal('entry at-home-use');
      expect(describeReply(ask('I have scars from old acne, will this help?'))).to.equal('entry concern-acne-scars');
    });
  });

  describe('at home', () => {
    for (const [question, ruleId] of AT_HOME_STATED) {
      it(`"${question}" -> no, because of ${ruleId}, never "with an expert's advice"`, () => {
        const reply = ask(question);
        expect(reply.kind, describeReply(reply)).to.equal('rule');
        if (reply.kind !== 'rule') return;
        expect(reply.atHome).to.equal(true);
        expect(reply.ruleIds).to.include(ruleId);
        expect(textOf(reply)).to.not.match(EXPERT_ADVICE_AT_HOME);
      });
    }
    for (const [name, person, ruleId] of PEOPLE_WITH_A_REASON) {
      for (const question of AT_HOME_QUESTIONS) {
        it(`"${question}" from a person with ${name} -> no, and why (${ruleId})`, () => {
          const reply = ask(question, person);
          expect(reply.kind, describeReply(reply)).to.equal('rule');
          if (reply.kind !== 'rule') return;
          expect(reply.atHome).to.equal(true);
          expect(reply.ruleIds).to.include(ruleId);
          expect(reply.reasons.find((r) => r.ruleId === ruleId)!.appliesToPerson).to.equal(true);
          expect(textOf(reply)).to.not.match(EXPERT_ADVICE_AT_HOME);
        });
      }
    }
    it('names only the questions the person answered "not sure", not every one not asked yet', () => {
      const reply = ask('can I just do it at home?', { answers: { age: 30, pregnantOrBreastfeeding: 'unknown' } });
      expect(textOf(reply)).to.include('whether you are pregnant or breastfeeding').and.not.include('your age');
    });
    for (const question of AT_HOME_QUESTIONS) {
      it(`"${question}" from a person with no reason against it -> the at-home entry`, () => {
        expect(describeReply(ask(question))).to.equal('entry at-home-use');
        const clear = { answers: { age: 40, pregnantOrBreastfeeding: 'no' as const, diabetes: 'no' as const } };
        expect(describeReply(ask(question, clear))).to.equal('entry at-home-use');
      });
    }
  });

  describe('entries for a person with a reason', () => {
    it('put the person’s own reasons first', () => {
      const reply = ask('how many sessions will I need?', { answers: { pregnantOrBreastfeeding: 'yes' } });
      expect(reply.kind).to.equal('entry');
      if (reply.kind !== 'entry') return;
      expect(reply.entry.id).to.equal('results-and-sessions');
      expect(reply.personal).to.deep.equal([ruleSentence('R-PREGNANCY')]);
      expect(ask('how many sessions will I need?')).to.not.have.property('personal');
    });
  });

  describe('"when should I worry after microneedling?"', () => {
    const signs = [
      /trouble breathing/,
      /swelling of the lips, tongue, throat or face/,
      /feeling faint/,
      /spreading redness together with a fever, chills, confusion or a racing heart/,
      /pus/,
      /increasing pain/,
      /hot swollen skin/,
      /a fever/,
      /eye pain/,
      /change in vision/,
      /new blisters/,
      /cold sore/,
      /emergency number/,
    ];
    it('names every emergency and urgent sign of the spec', () => {
      const text = textOf(ask('when should I worry after microneedling?'));
      for (const sign of signs) expect(text).to.match(sign);
    });
  });

  describe('each entry answers the questions it lists', () => {
    for (const entry of kb.entries) {
      it(`${entry.id}: ${entry.questions.length} questions`, () => {
        for (const question of entry.questions) expect(describeReply(ask(question)), question).to.equal(`entry ${entry.id}`);
      });
    }
  });

  describe('each rule-questions.json entry marks questions about its rule', () => {
    for (const entry of kb.routing.ruleQuestions.rules) {
      it(`${entry.rule}: ${entry.examples.join(' | ')}`, () => {
        for (const question of entry.examples) {
          const reply = ask(question);
          expect(reply.kind === 'rule' && reply.ruleIds, `${question}: ${describeReply(reply)}`).to.include(entry.rule);
        }
      });
    }
    it('atHome: its examples, from a person with a reason, say no', () => {
      for (const question of kb.routing.ruleQuestions.atHome.examples) {
        const reply = ask(question, { answers: { rosacea: 'yes' } });
        expect(reply.kind === 'rule' && reply.atHome, question).to.equal(true);
      }
    });
  });

  describe('each scope.json topic is declined', () => {
    for (const topic of kb.routing.scope.outOfScope) {
      it(`${topic.id}: ${topic.examples.join(' | ')}`, () => {
        for (const question of topic.examples) expect(describeReply(ask(question)), question).to.equal('out-of-scope');
      });
    }
  });

  it('is deterministic, and reads nothing but what it is given', () => {
    for (const [question] of IN_SCOPE.slice(0, 30)) expect(ask(question)).to.deep.equal(ask(question));
    expect(ask('')).to.deep.equal({ kind: 'none' });
  });
});
