/**
 * The reliability scenario, run by scripts/e2e.ts with the others (test/e2e/index.ts);
 * `npm run test:e2e -- --only reliability` runs it alone. It sends 10,000 hostile requests on n8n 1.x
 * and 2,500 on 2.x (which answers each ten times slower); RELIABILITY_HOSTILE_COUNT overrides both.
 */
export { reliabilityScenario, runReliabilityOnRealN8n, HOSTILE_PATH, HOSTILE_WORKFLOW_ID, type RealN8nFigures } from './reliability';
