import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Podium's secrets are random tokens with a readable kind prefix (so a leaked one is recognisable and
 * a scanner can find it): `pod_at_` access token, `pod_rt_` refresh token, `pod_key_` ingest API key,
 * `pod_ds_` display-screen token. 32 random bytes each; stored only as SHA-256 hashes (a slow hash
 * adds nothing to 256 bits of entropy, and lookups by hash stay indexed).
 */
export type SecretKind = 'at' | 'rt' | 'key' | 'ds';

export function newSecret(kind: SecretKind): string {
  return `pod_${kind}_${randomBytes(32).toString('base64url')}`;
}

export function kindOf(secret: string): SecretKind | null {
  const match = /^pod_(at|rt|key|ds)_[A-Za-z0-9_-]{43}$/.exec(secret);
  return match === null ? null : (match[1] as SecretKind);
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** What listings show of a key or token: its kind and first characters. */
export function prefixOf(secret: string): string {
  const body = secret.slice(secret.indexOf('_', 4) + 1);
  return `${secret.slice(0, secret.indexOf('_', 4) + 1)}${body.slice(0, 6)}`;
}

/** A pairing code a person reads off a console and a TV opens in a URL: 8 characters, no look-alikes. */
export function newPairingCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A new password: 20 characters from a crypto source, without look-alikes (easy to read out). */
export function newPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  // Bytes past the largest multiple of the alphabet's size are skipped, so every symbol is equally
  // likely (55 symbols: about 115 bits in all).
  const limit = 256 - (256 % alphabet.length);
  const out: string[] = [];
  while (out.length < 20) {
    for (const b of randomBytes(32)) {
      if (b < limit && out.length < 20) out.push(alphabet[b % alphabet.length] ?? '');
    }
  }
  return out.join('');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
