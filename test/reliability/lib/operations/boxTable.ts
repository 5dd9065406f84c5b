/** Every operation of the Box node, one row each (types.ts `OperationRow` names the columns). */
import { fromItem, rlFromItem } from './fixtures';
import { objectsWith, processedPosts } from './effects';
import { eachExisting, existingContacts, existingFiles, existingFolders, fileCommands, inNewFolder, newNames, newPdfs } from './inputs';
import type { OperationRow } from './types';

const FILE_PATH = '/box/api/partner/file';
const fileCommand = (suffix: string) => fileCommands((fileId) => `${FILE_PATH}/${fileId}${suffix}`);

export const BOX_TABLE: OperationRow[] = [
	{ node: 'box', resource: 'contact', operation: 'create', title: 'Contact: Create', first: 'once', effect: 'object',
		parameters: { email: fromItem('email'), name: 'Reliability' }, input: newNames('email', '@reliability.example'), effects: objectsWith('contacts', 'email') },
	{ node: 'box', resource: 'contact', operation: 'delete', title: 'Contact: Delete', first: 'retried', effect: 'none',
		parameters: { contactId: rlFromItem('contactId') }, input: eachExisting('contactId', existingContacts) },
	{ node: 'box', resource: 'contact', operation: 'getMany', title: 'Contact: Get Many', first: 'retried', effect: 'none', parameters: { returnAll: true } },
	{ node: 'box', resource: 'dashboard', operation: 'get', title: 'Dashboard: Get', first: 'retried', effect: 'none' },
	{ node: 'box', resource: 'file', operation: 'convertToPdf', title: 'File: Convert Image to PDF', first: 'once', effect: 'command',
		parameters: { fileId: rlFromItem('fileId') }, input: fileCommand('/convert'), effects: processedPosts },
	{ node: 'box', resource: 'file', operation: 'delete', title: 'File: Delete', first: 'retried', effect: 'none',
		parameters: { fileId: rlFromItem('fileId') }, input: eachExisting('fileId', existingFiles) },
	{ node: 'box', resource: 'file', operation: 'get', title: 'File: Get', first: 'retried', effect: 'none',
		parameters: { fileId: rlFromItem('fileId') }, input: eachExisting('fileId', existingFiles) },
	{ node: 'box', resource: 'file', operation: 'preflight', title: 'File: Request Preflight', first: 'once', effect: 'command',
		parameters: { fileId: rlFromItem('fileId') }, input: fileCommand('/preflight'), effects: processedPosts },
	{ node: 'box', resource: 'file', operation: 'revertToOriginal', title: 'File: Revert to Original Image', first: 'once', effect: 'command',
		parameters: { fileId: rlFromItem('fileId') }, input: fileCommand('/revert'), effects: processedPosts },
	{ node: 'box', resource: 'file', operation: 'revertToVersion', title: 'File: Revert to a Previous Version', first: 'once', effect: 'command',
		parameters: { fileId: rlFromItem('fileId'), versionId: fromItem('versionId') },
		input: fileCommands((fileId, versionId) => `${FILE_PATH}/${fileId}/version/${versionId}/revert`), effects: processedPosts },
	{ node: 'box', resource: 'file', operation: 'sendToDevice', title: 'File: Send to Device', first: 'once', effect: 'command',
		parameters: { fileId: rlFromItem('fileId'), deviceId: 'press-1' }, input: fileCommand('/send'), effects: processedPosts },
	{ node: 'box', resource: 'file', operation: 'update', title: 'File: Update', first: 'retried', effect: 'none',
		parameters: { fileId: rlFromItem('fileId'), updateFields: { notes: 'updated by the reliability suite', copies: 2 } }, input: eachExisting('fileId', existingFiles) },
	{ node: 'box', resource: 'file', operation: 'uploadBinary', title: 'File: Upload Binary', first: 'retried', effect: 'object', uploads: true,
		parameters: { binaryPropertyName: 'data', name: '', copies: 1 }, input: inNewFolder(newPdfs), effects: objectsWith('boxFiles', 'name') },
	{ node: 'box', resource: 'file', operation: 'uploadFromUrl', title: 'File: Upload from URL', first: 'once', effect: 'object',
		parameters: { url: '={{ "https://artwork.example.com/" + $json.name }}', name: fromItem('name'), copies: 1 },
		input: inNewFolder(newNames('name', '.pdf')), effects: objectsWith('boxFiles', 'name') },
	{ node: 'box', resource: 'flow', operation: 'getMany', title: 'Flow: Get Many', first: 'retried', effect: 'none', parameters: { returnAll: true } },
	{ node: 'box', resource: 'folder', operation: 'create', title: 'Folder: Create', first: 'once', effect: 'object',
		parameters: { name: fromItem('name') }, input: newNames('name'), effects: objectsWith('folders', 'name') },
	{ node: 'box', resource: 'folder', operation: 'delete', title: 'Folder: Delete', first: 'retried', effect: 'none',
		parameters: { folderId: rlFromItem('folderId') }, input: eachExisting('folderId', existingFolders) },
	{ node: 'box', resource: 'folder', operation: 'get', title: 'Folder: Get', first: 'retried', effect: 'none',
		parameters: { folderId: rlFromItem('folderId') }, input: eachExisting('folderId', existingFolders) },
	{ node: 'box', resource: 'substrate', operation: 'getMany', title: 'Substrate: Get Many', first: 'retried', effect: 'none', parameters: { returnAll: true } },
	{ node: 'box', resource: 'uploadUrl', operation: 'get', title: 'Upload URL: Get', first: 'retried', effect: 'none', parameters: { mimeType: 'application/pdf' } },
];
