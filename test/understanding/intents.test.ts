import { expect } from 'chai';
import { detectCommand, isAfterTreatmentReport, looksLikeQuestion, type Command } from '../../src/understanding/intents.js';
import { testReader } from './test-reader.js';

describe('Commands, questions and after-treatment reports', () => {
  const commands: Array<[string, Command | undefined]> = [
    ['help', 'help'],
    ['Help!', 'help'],
    ['cancel', 'cancel'],
    ['start over', 'startOver'],
    ['Start again please', 'startOver'],
    ['what do you know about me', 'whatDoYouKnow'],
    ['What do you know about me?', 'whatDoYouKnow'],
    ['forget me', 'forgetMe'],
    ['please delete my data', 'forgetMe'],
    ['talk to a person', 'human'],
    ['speak to someone', 'human'],
    ['human', 'human'],
    ['I need help with my acne scars', undefined],
    ['no', undefined],
    ['stop taking isotretinoin', undefined],
  ];
  for (const [text, command] of commands) {
    it(`"${text}" is ${command ?? 'no command'}`, () => expect(detectCommand(text, testReader())).to.equal(command));
  }

  const questions: Array<[string, boolean]> = [
    ['how many sessions will I need?', true],
    ['does it hurt', true],
    ['Is it painful?', true],
    ['34', false],
    ['none of these', false],
  ];
  for (const [text, question] of questions) {
    it(`"${text}" ${question ? 'is' : 'is not'} a question`, () => expect(looksLikeQuestion(text, testReader())).to.equal(question));
  }

  const reports: Array<[string, boolean]> = [
    ['I had it done yesterday and my face is red', true],
    ["I've had micro-needling 10 days ago and it's still swollen", true],
    ['since my treatment my skin is itchy', true],
    ['my skin is red after micro-needling', true],
    ['is my skin red after a microneedling session normal?', true],
    ['what should I do after micro-needling', false],
    ['I had it done 3 weeks ago', false],
    ['my face is red', false],
  ];
  for (const [text, report] of reports) {
    it(`"${text}" ${report ? 'is' : 'is not'} an after-treatment report`, () =>
      expect(isAfterTreatmentReport(text, testReader())).to.equal(report));
  }
});
