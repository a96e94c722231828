import type { ContainerClient } from '@azure/storage-blob';
import type { RetentionTarget } from './retention.js';
import { unlinkAuditBlob } from '../storage/blob-audit-sink.js';

/** Blobs (state) in a container, by last modification. */
export function blobContainerTarget(name: string, container: ContainerClient): RetentionTarget {
  return {
    name,
    sweep: async (cutoff) => {
      if (!(await container.exists())) return 0;
      let deleted = 0;
      for await (const blob of container.listBlobsFlat()) {
        if (blob.properties.lastModified && blob.properties.lastModified < cutoff) {
          await container.deleteBlob(blob.name);
          deleted += 1;
        }
      }
      return deleted;
    },
  };
}

/** The blob audit trail: records of days before the cutoff lose their conversation key. */
export function blobAuditTarget(container: ContainerClient): RetentionTarget {
  return {
    name: 'audit-links',
    sweep: async (cutoff) => {
      if (!(await container.exists())) return 0;
      let unlinked = 0;
      for await (const blob of container.listBlobsFlat({ includeMetadata: true })) {
        const day = /^(\d{4}-\d{2}-\d{2})\//.exec(blob.name)?.[1];
        if (!day || new Date(`${day}T23:59:59.999Z`) >= cutoff || blob.metadata?.['unlinked'] === 'true') continue;
        await unlinkAuditBlob(container, blob.name);
        unlinked += 1;
      }
      return unlinked;
    },
  };
}
