/**
 * n8n-core's services start timers of their own and stop them only when n8n shuts down: the SSH
 * tunnel manager, created with the first node execution context, runs a cleanup interval from then
 * on. n8n stops it on shutdown; a test file that built node contexts does the same once it is done,
 * so jest can exit with every handle closed. Imported for this effect by every harness that makes
 * n8n-core contexts. Outside jest (the reliability script loads the same harness) there is no
 * `afterAll`, and the script ends its process itself.
 */
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

export function shutdownN8nCoreServices(): void {
	Container.get(SSHClientsManager).onShutdown();
}

if (typeof afterAll === 'function') afterAll(shutdownN8nCoreServices);
