/**
 * The framework floor for the benchmark: restify + CloudAdapter + an echo ActivityHandler with
 * in-memory conversation state, nothing else. Prints the port it listens on.
 */
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage } from 'botbuilder';

const state = new ConversationState(new MemoryStorage());
const turns = state.createProperty<number>('turns');
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await turns.set(context, (await turns.get(context, 0)) + 1);
  await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  await next();
});
bot.onDialog(async (context, next) => {
  await state.saveChanges(context);
  await next();
});

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ event: 'server.listening', port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
});
