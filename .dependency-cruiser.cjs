/**
 * The layers of the bot, top to bottom, and the one direction imports may run (docs/architecture.md):
 *   entry       src/index.ts, src/app.ts, src/cli/
 *   transports  src/server/, src/web/, src/whatsapp/, src/teams/
 *   bot         src/bot/ (the turn: state, saves, replies after the save)
 *   dialogs     dialogs/ (what to say, decided as data)
 *   renderers   dialogs/renderers/ (the decision as each channel's activities)
 *   services    src/storage/, src/retention/, src/insights/, src/handoff/, src/config/
 *   turn facts  src/turn/ (what a turn knows, kept on the turn)
 *   core        src/understanding/, src/safety/, src/knowledge/, src/strings/, src/core.ts (pure)
 * Type-only imports count: a circle of types is still a circle. `npm run lint` runs this check.
 */
const ENTRY = '^src/(index|app)[.]ts$|^src/cli/';
const TRANSPORTS = '^src/(server|web|whatsapp|teams)/';
const BOT = '^src/bot/';
const DIALOGS = '^dialogs/(?!renderers/)';
const RENDERERS = '^dialogs/renderers/';
const SERVICES = '^src/(storage|retention|insights|handoff|config)/';
const TURN = '^src/turn/';
const CORE = '^src/(understanding|safety|knowledge|strings)/|^src/core[.]ts$';

const above = (...layers) => ({ path: layers.join('|') });

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No circle of imports, type-only ones included.', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'The reader, the safety engine and the knowledge base import nothing above them and no botbuilder.',
      from: { path: CORE },
      to: { path: [ENTRY, TRANSPORTS, BOT, '^dialogs/', SERVICES, TURN, '^node_modules/botbuilder'].join('|') },
    },
    {
      name: 'turn-facts-are-neutral',
      severity: 'error',
      comment: 'The turn facts sit below every layer that uses them.',
      from: { path: TURN },
      to: above(ENTRY, TRANSPORTS, BOT, '^dialogs/', SERVICES),
    },
    {
      name: 'services-below-dialogs',
      severity: 'error',
      from: { path: SERVICES },
      to: above(ENTRY, TRANSPORTS, BOT, '^dialogs/'),
    },
    {
      name: 'renderers-below-dialogs',
      severity: 'error',
      comment: 'A renderer turns a decision into activities; it decides nothing and keeps nothing.',
      from: { path: RENDERERS },
      to: above(ENTRY, TRANSPORTS, BOT, DIALOGS, '^src/(storage|retention|insights|config)/'),
    },
    {
      name: 'dialogs-below-the-bot',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: above(ENTRY, TRANSPORTS, BOT, '^src/(storage|retention|config)/'),
    },
    { name: 'bot-below-transports', severity: 'error', from: { path: BOT }, to: above(ENTRY, TRANSPORTS) },
    { name: 'transports-below-entry', severity: 'error', from: { path: TRANSPORTS }, to: above(ENTRY) },
    {
      name: 'transports-apart',
      severity: 'error',
      comment: 'The shared HTTP plumbing (src/server/) knows no transport built on it.',
      from: { path: '^src/server/' },
      to: { path: '^src/(web|whatsapp|teams)/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(test|bench|scripts)/' },
  },
};
