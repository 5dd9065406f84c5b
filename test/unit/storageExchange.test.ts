/**
 * How a storage request fails, for uploads and downloads alike: cancellation ends the run, a lost
 * connection is a retryable network failure, an answer of 300 or more is a refusal by storage that
 * carries the status, the Retry-After header, the reason and the address without its query.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { refusedByStorage, storageRequestFailed, type StorageExchange } from '../../nodes/PrintOs/shared/storageExchange';

const node: INode = {
	id: 'node-1',
	name: 'Storage',
	type: 'n8n-nodes-printos.printOsBox',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const download: StorageExchange = {
	node,
	direction: 'download',
	method: 'GET',
	where: 'http://storage.test/_downloads/abc',
	operation: 'File: Download',
	itemIndex: 3,
};
const upload: StorageExchange = { ...download, direction: 'upload', method: 'PUT', operation: 'File: Upload Binary' };

function giveUpOf(result: ReturnType<typeof refusedByStorage>): NodeApiError {
	if (result.done) throw new Error('a refusal is never done');
	return result.giveUp({ count: 1, elapsedMs: 0 }) as NodeApiError;
}

describe('refused by storage', () => {
	it('hands the retry policy the status and Retry-After, and its report names the direction, status, reason, address and item', () => {
		const result = refusedByStorage(download, { statusCode: 429, headers: { 'retry-after': '7' }, body: '' }, () => 'SlowDown: Reduce your request rate');
		expect(result.done).toBe(false);
		if (result.done) return;
		expect(result.outcome).toEqual({ kind: 'response', status: 429, retryAfterHeader: '7' });
		const error = giveUpOf(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('The download URL refused the file (HTTP 429): SlowDown: Reduce your request rate');
		expect(error.description).toBe(
			'GET http://storage.test/_downloads/abc during File: Download. Download URLs expire a short while after they are issued; run the operation again to get a fresh one.',
		);
		expect(error.httpCode).toBe('429');
		expect(error.context.itemIndex).toBe(3);

		const refusedUpload = giveUpOf(refusedByStorage(upload, { statusCode: 403, headers: {}, body: '' }, () => ''));
		expect(refusedUpload.message).toBe('The upload URL refused the file (HTTP 403)');
		expect(refusedUpload.description).toMatch(/^PUT http:\/\/storage\.test\/_downloads\/abc during File: Upload Binary\. Upload URLs expire/);
	});

	it('reads the reason only when it gives up', () => {
		let reads = 0;
		const result = refusedByStorage(upload, { statusCode: 503, headers: {}, body: '' }, () => {
			reads++;
			return 'busy';
		});
		expect(reads).toBe(0);
		expect(giveUpOf(result).message).toBe('The upload URL refused the file (HTTP 503): busy');
		expect(reads).toBe(1);
	});
});

describe('a storage request that threw', () => {
	it('ends the run at once when the execution was cancelled, naming the direction and operation', () => {
		const cancelled = Object.assign(new Error('canceled'), { code: 'ERR_CANCELED', name: 'CanceledError' });
		expect(() => storageRequestFailed(upload, cancelled, () => 'unused')).toThrow('The upload for File: Upload Binary was cancelled');
	});

	it('is a retryable network failure otherwise, reported with the caller’s words and the address', () => {
		// a failure n8n has no wording of its own for (it rewords known ones such as ECONNRESET)
		const reset = Object.assign(new Error('TLS session closed by storage.test'), { code: 'EPROTO' });
		const result = storageRequestFailed(download, reset, (failure) => `Could not download the file during File: Download: ${failure}`);
		expect(result.done).toBe(false);
		if (result.done) return;
		expect(result.outcome).toEqual({ kind: 'networkError' });
		const error = result.giveUp({ count: 1, elapsedMs: 0 }) as NodeApiError;
		expect(error.message).toBe('Could not download the file during File: Download: TLS session closed by storage.test (EPROTO)');
		expect(error.description).toBe('GET http://storage.test/_downloads/abc');
		expect(error.context.itemIndex).toBe(3);
	});

	it('keeps its own words where n8n has stock ones for the error code (ECONNREFUSED, ECONNRESET)', () => {
		for (const code of ['ECONNREFUSED', 'ECONNRESET']) {
			const failed = Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
			const result = storageRequestFailed(download, failed, (failure) => `Could not download the file during File: Download: ${failure}`);
			if (result.done) throw new Error('a network failure is not an answer');
			const error = result.giveUp({ count: 2, elapsedMs: 0 }) as NodeApiError;
			expect(error.message).toBe(`Could not download the file during File: Download: connect ${code} 10.0.0.1:443`);
		}
	});
});
