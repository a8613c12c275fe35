export { WsTransport } from './WsTransport.js';
export type { WebSocketLike } from './WsTransport.js';
export { archiveFromLocation, connectFromLocation, uploadFile } from './browserMode.js';
export { connectIpc, findBridge, IpcAnalysisClient, IpcTransport } from './IpcTransport.js';
export type { BridgeMethod, BridgeReply, ChronoscopeBridge } from './IpcTransport.js';
