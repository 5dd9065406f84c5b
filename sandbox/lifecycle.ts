/**
 * An order's production life on the sandbox clock: received → printready (once every artwork file is
 * available) → each component printed → each shipment shipped, with cancel and error branches.
 * Every step is a scheduled task that re-checks the order when it fires, so a cancel or a manual
 * shipment in between simply makes later steps do nothing.
 */
import { findEventByName } from '../nodes/PrintOs/SiteFlowTrigger/events';
import type { Task } from './clock';
import type { SandboxCore } from './core';
import { HttpError } from './http';
import { randomToken } from './ids';
import type { UploadRecord } from './store';
import type { Json } from './types';

type FileState = 'received' | 'waiting' | 'unfetchable';

/** Hosts the tests use for artwork that can never be fetched. */
export function isUnfetchableUrl(url: unknown): boolean {
	try {
		const host = new URL(String(url)).hostname.toLowerCase();
		return host.endsWith('.invalid') || host.includes('unreachable');
	} catch {
		return true;
	}
}

function components(order: Json): Array<{ item: Json; component: Json }> {
	const out: Array<{ item: Json; component: Json }> = [];
	for (const item of order.orderData.items ?? []) for (const component of item.components ?? []) out.push({ item, component });
	return out;
}

const MAX_TASKS_PER_RUN = 1_000_000;

export class Lifecycle {
	constructor(private readonly core: SandboxCore) {}

	private get nowIso(): string {
		return this.core.clock.iso();
	}

	private seconds(step: keyof SandboxCore['config']['delays']): number {
		return this.core.config.delays[step] * 1000;
	}

	onCreated(order: Json): void {
		const now = this.core.clock.now();
		this.emit('Order Received', order);
		this.core.scheduler.schedule(now + this.seconds('printready'), 'printready', order._id);
		this.core.scheduler.schedule(now + this.seconds('errored'), 'errored', order._id);
	}

	/** Runs every task due at or before `target`, stepping the clock to each one. Returns how many ran. */
	runDue(target: number, stepClock: boolean): number {
		let ran = 0;
		for (let next = this.core.scheduler.peek(); next && next.due <= target && ran < MAX_TASKS_PER_RUN; next = this.core.scheduler.peek()) {
			const task = this.core.scheduler.pop() as Task;
			if (stepClock) this.core.clock.set(task.due);
			this.run(task);
			ran++;
		}
		if (stepClock) this.core.clock.set(target);
		if (ran > 0) this.core.changed();
		return ran;
	}

	private run(task: Task): void {
		const order = this.core.store.order(task.orderId);
		if (!order) return;
		if (task.kind === 'printready') this.checkPrintready(order);
		else if (task.kind === 'componentPrinted') this.printComponent(order, task.index ?? 0);
		else if (task.kind === 'shipped') this.shipByIndex(order, task.index ?? 0, {});
		else if (task.kind === 'errored') this.errorIfStuck(order);
	}

	fileState(file: Json): FileState {
		if (file.status === 'received' || file.localFile) return 'received';
		if (file.uploadId) return this.core.store.uploads.get(file.uploadId)?.complete ? 'received' : 'waiting';
		if (file.fetch) {
			const upload = this.core.uploads.byFetchUrl(file.fetchUrl);
			if (upload) return upload.complete ? 'received' : 'waiting';
			return isUnfetchableUrl(file.fetchUrl) ? 'unfetchable' : 'received';
		}
		return 'waiting';
	}

	private receive(file: Json): void {
		if (file.status === 'received') return;
		const upload: UploadRecord | undefined = file.uploadId
			? this.core.store.uploads.get(file.uploadId)
			: this.core.uploads.byFetchUrl(file.fetchUrl);
		file.status = 'received';
		// The artwork arrived: the file and its current version now know its size (docs/printos-api.md#order-submit)
		if (upload?.size !== undefined) file.fileSize = upload.size;
		const version = (file.versions as Json[] | undefined)?.find((entry) => entry._id === file.currentVersionId);
		if (version) Object.assign(version, { status: 'received', receivedAt: this.nowIso, fileSize: file.fileSize ?? 0, sha256: upload?.sha256 ?? null });
	}

	checkPrintready(order: Json): void {
		if (order.orderData.status !== 'dataready') return;
		const files: Json[] = order.files ?? [];
		const states = files.map((file) => this.fileState(file));
		files.forEach((file, index) => states[index] === 'received' && this.receive(file));
		if (states.every((state) => state === 'received')) this.becomePrintready(order);
	}

	private becomePrintready(order: Json): void {
		for (const file of order.files ?? []) this.receive(file);
		this.setStatus(order, 'printready', 'All artwork received; order is print ready');
		this.emit('Order Printready', order);
		const now = this.core.clock.now();
		components(order).forEach((_entry, index) => {
			this.core.scheduler.schedule(now + this.seconds('componentPrinted') * (index + 1), 'componentPrinted', order._id, index);
		});
	}

	/** An upload finished: orders waiting on it may become print-ready now rather than at their next check. */
	uploadCompleted(upload: UploadRecord): void {
		const touched = new Set<Json>();
		if (upload.orderId) {
			const order = this.core.store.order(upload.orderId);
			if (order) touched.add(order);
		}
		for (const order of this.core.store.orders) {
			if (order.orderData.status !== 'dataready') continue;
			if ((order.files ?? []).some((file: Json) => file.fetch && this.core.uploads.byFetchUrl(file.fetchUrl) === upload)) touched.add(order);
		}
		for (const order of touched) {
			for (const file of order.files ?? []) if (file.uploadId === upload.id) this.receive(file);
			// Before its first check the scheduled task will see the file; after it nothing else would
			if (!this.core.scheduler.has('printready', order._id)) this.checkPrintready(order);
		}
	}

	private printComponent(order: Json, index: number): void {
		const status = order.orderData.status;
		if (status !== 'printready' && status !== 'printed') return;
		const all = components(order);
		const entry = all[index];
		if (!entry || entry.component.status === 'printed') return;
		entry.component.status = 'printed';
		entry.component.printedDate = this.nowIso;
		this.touch(order);
		// The payload's status is the order's status after the event, as a receiver would read it back
		const allPrinted = all.every(({ component }) => component.status === 'printed');
		if (allPrinted) {
			for (const item of order.orderData.items) item.status = 'printed';
			this.setStatus(order, 'printed', 'All components printed');
		}
		this.emit('Component Printed', order, {
			componentCode: entry.component.code,
			componentId: entry.component._id,
			itemId: entry.item._id,
			sourceItemId: entry.item.sourceItemId,
		});
		if (allPrinted) {
			const due = this.core.clock.now() + this.seconds('shipped');
			order.orderData.shipments.forEach((shipment: Json, shipmentIndex: number) => {
				if (shipment.status !== 'shipped') this.core.scheduler.schedule(due, 'shipped', order._id, shipmentIndex);
			});
		}
	}

	private shipByIndex(order: Json, index: number, details: Json): void {
		const shipment = order.orderData.shipments[index];
		if (!shipment || shipment.status === 'shipped') return;
		if (order.orderData.status === 'cancelled' || order.orderData.status === 'error') return;
		this.ship(order, shipment, details);
	}

	/** PUT /shipment/shipped/{id} and the automatic step both end here. */
	ship(order: Json, shipment: Json, details: Json): Json {
		if (order.orderData.status === 'cancelled') throw new HttpError(400, 'Order is cancelled; its shipments cannot ship');
		if (shipment.status === 'shipped') throw new HttpError(400, 'Shipment has already shipped');
		const carrier = { ...shipment.carrier, ...(details.carrier && typeof details.carrier === 'object' ? details.carrier : {}) };
		const trackingNumber = String(details.trackingNumber ?? `1ZSBX${randomToken(5).toUpperCase()}`);
		Object.assign(shipment, {
			status: 'shipped',
			carrier,
			trackingNumber,
			trackingUrl: String(details.trackingUrl ?? `https://tracking.sandbox.example/${carrier.code}/${trackingNumber}`),
			shippedDate: String(details.shippedDate ?? this.nowIso),
		});
		this.touch(order);
		if (order.orderData.shipments.every((entry: Json) => entry.status === 'shipped')) {
			for (const item of order.orderData.items) item.status = 'shipped';
			this.setStatus(order, 'shipped', 'All shipments shipped');
		}
		this.emit('Shipment Shipped', order, {
			shipmentId: shipment._id,
			shipmentIndex: shipment.shipmentIndex,
			trackingNumber: shipment.trackingNumber,
			trackingUrl: shipment.trackingUrl,
			shippedDate: shipment.shippedDate,
			carrier,
		});
		return shipment;
	}

	private errorIfStuck(order: Json): void {
		if (order.orderData.status !== 'dataready') return;
		const errorList = (order.files ?? [])
			.map((file: Json, index: number) => ({ file, index, state: this.fileState(file) }))
			.filter((entry: { state: FileState }) => entry.state !== 'received')
			.map(({ file, index, state }: { file: Json; index: number; state: FileState }) => {
				file.status = 'error';
				return {
					name: 'FileError',
					path: `files[${index}]`,
					message: state === 'unfetchable' ? `Could not fetch artwork from ${file.fetchUrl}` : `Artwork ${file.path} was never uploaded`,
				};
			});
		this.fail(order, errorList);
	}

	private fail(order: Json, errorList: Json[]): void {
		this.setStatus(order, 'error', 'Order errored: artwork unavailable');
		this.emit('Order Errored', order, { errorList });
	}

	cancel(order: Json): Json {
		const status = order.orderData.status;
		if (status === 'cancelled') throw new HttpError(400, 'Order is already cancelled');
		if (status === 'shipped') throw new HttpError(400, 'Order has already shipped and cannot be cancelled');
		for (const item of order.orderData.items) {
			item.status = 'cancelled';
			for (const component of item.components ?? []) component.status = 'cancelled';
		}
		for (const shipment of order.orderData.shipments) if (shipment.status !== 'shipped') shipment.status = 'cancelled';
		this.setStatus(order, 'cancelled', 'Order cancelled over the API');
		this.emit('Order Cancelled', order);
		return order;
	}

	/** Admin: make an event happen now, with the state change it implies. */
	force(order: Json, eventName: string, body: Json): void {
		const event = findEventByName(eventName);
		if (!event) throw new HttpError(400, `Unknown event "${eventName}"`);
		const status = order.orderData.status;
		switch (event.name) {
			case 'Order Printready':
				if (status === 'dataready') this.becomePrintready(order);
				else this.emit(event.name, order);
				return;
			case 'Component Printed': {
				const all = components(order);
				const index = Number.isInteger(body.componentIndex) ? body.componentIndex : all.findIndex(({ component }) => component.status !== 'printed');
				if (status === 'dataready') this.becomePrintready(order);
				if (index < 0 || !all[index]) throw new HttpError(400, 'Every component is already printed');
				this.printComponent(order, index);
				return;
			}
			case 'Shipment Shipped': {
				const shipments: Json[] = order.orderData.shipments;
				const index = Number.isInteger(body.shipmentIndex) ? body.shipmentIndex : shipments.findIndex((entry) => entry.status !== 'shipped');
				if (index < 0 || !shipments[index]) throw new HttpError(400, 'Every shipment has already shipped');
				this.ship(order, shipments[index], body);
				return;
			}
			case 'Order Cancelled':
				this.cancel(order);
				return;
			case 'Order Errored':
				if (status === 'cancelled') throw new HttpError(400, 'Order is cancelled');
				this.fail(order, Array.isArray(body.errorList) ? body.errorList : [{ name: 'ForcedError', path: '', message: 'Error forced through the sandbox admin API' }]);
				return;
			case 'Order Reprinted':
				order.orderData.reprint = true;
				order.orderData.reprintCount = Number(order.orderData.reprintCount ?? 0) + 1;
				this.touch(order);
				this.emit(event.name, order);
				return;
			default:
				this.emit(event.name, order, body.fields && typeof body.fields === 'object' ? body.fields : {});
		}
	}

	private setStatus(order: Json, status: string, message: string): void {
		order.orderData.status = status;
		order.logs.push({ level: 'info', message, resourceId: order._id, resourceType: 'order', timestamp: this.nowIso });
		this.touch(order);
	}

	private touch(order: Json): void {
		order.updatedAt = this.nowIso;
		this.core.changed();
	}

	private emit(event: string, order: Json, fields: Json = {}): void {
		this.core.postbacks.emit(event, { order, fields });
	}
}
