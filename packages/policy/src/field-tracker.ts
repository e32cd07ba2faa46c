// The model packages' validators are compiled JSON Schemas that allow unknown fields, and ship no schema
// to read the known ones from. So the validator is run on a proxy that records which fields it looks at:
// a field of an object whose schema names its properties, and which the validator never read, is a field
// the schema does not know (`replica:` for `replicas:`). Objects whose keys the validator enumerates (maps
// such as labels) or of which it reads nothing (free-form values) are left alone.
import type { ResourcePath } from './findings';

interface Visit {
  readonly read: Set<string>;
  enumerated: boolean;
}

export class FieldTracker {
  private readonly visits = new Map<object, Visit>();

  /** A proxy of `value` to hand to the validator; records every read on every nested object. */
  wrap<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    const target = value as object;
    const visit: Visit = { read: new Set(), enumerated: false };
    this.visits.set(target, visit);
    const proxies = new Map<string, unknown>();
    return new Proxy(target, {
      get: (object, key, receiver) => {
        const result = Reflect.get(object, key, receiver);
        if (typeof key !== 'string' || !Object.hasOwn(object, key)) return result;
        visit.read.add(key);
        if (result === null || typeof result !== 'object') return result;
        let proxy = proxies.get(key);
        if (proxy === undefined) {
          proxy = this.wrap(result);
          proxies.set(key, proxy);
        }
        return proxy;
      },
      has: (object, key) => {
        if (typeof key === 'string') visit.read.add(key);
        return Reflect.has(object, key);
      },
      ownKeys: (object) => {
        visit.enumerated = true;
        return Reflect.ownKeys(object);
      },
    }) as T;
  }

  /** Paths of fields the validator never read, in objects whose other fields it did read. */
  unknownFields(value: unknown): ResourcePath[] {
    const found: ResourcePath[] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        node.forEach((item, index) => {
          walk(item, [...path, index]);
        });
        return;
      }
      const visit = this.visits.get(node);
      const closed = visit !== undefined && !visit.enumerated && visit.read.size > 0;
      for (const [key, child] of Object.entries(node)) {
        if (closed && !visit.read.has(key)) found.push([...path, key]);
        else walk(child, [...path, key]);
      }
    };
    walk(value, []);
    return found;
  }
}
