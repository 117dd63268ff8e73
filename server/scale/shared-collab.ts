/**
 * Live collaboration across instances: the local CollabService, plus a control channel on Redis
 * so that what changes access on one instance reaches the sockets held by every other instance
 * within a second — a grant change or revocation (`accessChanged`), a disabled user or changed
 * roles (`userChanged`), a sign-out (`sessionEnded`) — and so do server → client signals
 * (`signal`, e.g. "threads changed"). Each message is applied locally at once and by every other
 * instance on receipt; the sender ignores its own. Rooms themselves are joined by redis-relay.ts.
 */
import type { Logger } from '../logger';
import type { CollabService } from '../collab/service';
import type { RedisLink } from './redis';

type ControlMessage =
  | { from: string; type: 'accessChanged'; documentId: string }
  | { from: string; type: 'userChanged'; userId: string }
  | { from: string; type: 'sessionEnded'; sessionId: string }
  | { from: string; type: 'signal'; documentId: string; frame: string };

export function shareCollabAcrossInstances(local: CollabService, link: RedisLink, log: Logger, openDocuments: () => string[]): CollabService {
  const channel = `${link.prefix}control`;
  // Access changes published during a Redis outage were missed here: re-check every open document.
  link.onReconnect(() => {
    for (const documentId of openDocuments()) {
      local.accessChanged(documentId).catch((error: unknown) => log.error({ err: error, documentId }, 're-checking access after a Redis outage failed'));
    }
  });
  const send = (message: ControlMessage) => {
    link.command.publish(channel, JSON.stringify(message)).catch((error: Error) => link.publishFailed(error));
  };

  link.subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    let message: ControlMessage;
    try {
      message = JSON.parse(text) as ControlMessage;
    } catch {
      return;
    }
    if (message.from === link.instanceId) return;
    const run = async () => {
      if (message.type === 'accessChanged') await local.accessChanged(message.documentId);
      else if (message.type === 'userChanged') await local.userChanged(message.userId);
      else if (message.type === 'sessionEnded') local.sessionEnded(message.sessionId);
      else if (message.type === 'signal') local.signal(message.documentId, Buffer.from(message.frame, 'base64'));
    };
    run().catch((error: unknown) => log.error({ err: error, type: message.type }, 'applying a control message from another instance failed'));
  });
  void link.subscriber.subscribe(channel);

  const from = link.instanceId;
  return {
    ...local,
    async accessChanged(documentId) {
      send({ from, type: 'accessChanged', documentId });
      await local.accessChanged(documentId);
    },
    async userChanged(userId) {
      send({ from, type: 'userChanged', userId });
      await local.userChanged(userId);
    },
    sessionEnded(sessionId) {
      send({ from, type: 'sessionEnded', sessionId });
      local.sessionEnded(sessionId);
    },
    signal(documentId, frame) {
      send({ from, type: 'signal', documentId, frame: Buffer.from(frame).toString('base64') });
      local.signal(documentId, frame);
    },
  };
}
