// Opaque random ids for things main keeps and the renderer may only name: files picked in a
// dialog (the renderer never sees their paths) and print pages waiting to be rendered.
import { randomBytes } from 'node:crypto';

/** 24 random bytes as base64url: 32 characters, matching the contract's token pattern. */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface TokenStore<T> {
  add(value: T): string;
  get(token: string): T | undefined;
  delete(token: string): void;
  clear(): void;
  readonly size: number;
}

export function createTokenStore<T>(newToken: () => string = randomToken): TokenStore<T> {
  const values = new Map<string, T>();
  return {
    add(value) {
      let token = newToken();
      while (values.has(token)) token = newToken();
      values.set(token, value);
      return token;
    },
    get: (token) => values.get(token),
    delete: (token) => void values.delete(token),
    clear: () => values.clear(),
    get size() {
      return values.size;
    },
  };
}
