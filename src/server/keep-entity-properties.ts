import { createRequire } from 'node:module';

interface CompositeMapper {
  type: { name: string; additionalProperties?: { type: { name: string } } };
}

/**
 * botframework-connector 4.23's `Entity` mapper lists only type, text and mentioned, so the
 * connector client drops every other property of an entity when it sends a reply: the
 * schema.org Message entity loses its `@type`, `@id` and `citation`, and Web Chat and Teams
 * cannot show the sources (botbuilder-js once fixed this with additionalProperties, PR 2648;
 * the mapper lacks it again). Restoring `additionalProperties` on the shared mapper object
 * makes the serializer keep them. Idempotent; called once at start.
 */
export function keepEntityProperties(): void {
  const require = createRequire(import.meta.url);
  const mappers = require('botframework-connector/lib/connectorApi/models/mappers.js') as { Entity: CompositeMapper };
  mappers.Entity.type.additionalProperties ??= { type: { name: 'Object' } };
}
