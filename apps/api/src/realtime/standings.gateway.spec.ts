import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import { WS_CLIENT_EVENTS } from '#contracts';
import { checkMessage, StandingsGateway, SubscribeDto } from './standings.gateway.js';

describe(StandingsGateway.name, () => {
  it('handles exactly the client messages the contracts list', () => {
    const prototype = StandingsGateway.prototype as unknown as Record<string, unknown>;
    const handled = Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (typeof handler !== 'function') return [];
      const message: unknown = Reflect.getMetadata(MESSAGE_METADATA, handler);
      return typeof message === 'string' ? [message] : [];
    });
    expect(handled.sort()).toEqual([...WS_CLIENT_EVENTS].sort());
  });
});

describe(checkMessage.name, () => {
  const contestId = '0b5f8a52-7c3e-4c1e-9f44-2a8d4e6b1f00';

  it.each([
    ['a string', 'x', /^\(message\): must be one object/],
    ['an array', [{ contestId }], /^\(message\): must be one object/],
    ['null', null, /^\(message\): must be one object/],
    [
      'a rep object with a constructor key',
      { contestId, rep: { constructor: 1 } },
      /^rep\.constructor: is a reserved name/,
    ],
    ['a rep object', { contestId, rep: { name: 1 } }, /^rep: .*must be a string/],
    ['a NUL in rep', { contestId, rep: 'a\u0000b' }, /^rep: must not contain the NUL/],
    ['a null top', { contestId, top: null }, /^top: must not be null/],
    ['an unknown field', { contestId, colour: 'red' }, /^colour: property colour should not exist/],
    ['a constructor field', { contestId, constructor: 1 }, /^constructor: is a reserved name/],
    ['a long rep', { contestId, rep: 'r'.repeat(201) }, /^rep: must be at most 200 characters/],
    ['a missing contest', {}, /^contestId: must be a UUID/],
  ])('names the field of %s', (_, body, error) => {
    expect(checkMessage(SubscribeDto, body)).toMatch(error);
  });

  it('gives the DTO of a well-formed message', () => {
    expect(checkMessage(SubscribeDto, { contestId, top: 5, rep: 'valueOf' })).toEqual(
      Object.assign(new SubscribeDto(), { contestId, top: 5, rep: 'valueOf' }),
    );
  });
});
