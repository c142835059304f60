/** Runs one fixture subgraph (FIXTURE=people|benefits) as its own process on PORT, for cross-process tests. */
import { startBenefits, startPeople } from './fixtures';

const port = Number(process.env.PORT ?? 0);
const started = process.env.FIXTURE === 'benefits' ? startBenefits({ delayMs: Number(process.env.DELAY_MS ?? 0), grants: 0 }, port) : startPeople(port);
started.catch((error) => {
  console.error(error);
  process.exit(1);
});
