import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import {
  WS_NAMESPACE,
  WS_SNAPSHOT,
  WS_SUBSCRIBE,
  WS_UNSUBSCRIBE,
  WS_INPUT_BOUNDS,
  type SubscribeAck,
  type SubscribeRequest,
  type UnsubscribeAck,
} from '#contracts';
import { contestBoardView, DomainError, type Principal } from '#domain';
import { bearerOf } from '../auth/access.guard.js';
import { PrincipalResolverService } from '../auth/principal-resolver.service.js';
import { ContestsService, scopeOf } from '../contests/contests.service.js';
import { BoardsAccess } from '../standings/boards-access.service.js';
import { MAX_TOP } from '../standings/standings-reader.service.js';
import { MomentsBroadcasterService } from './moments-broadcaster.service.js';
import { StandingsBroadcasterService, TooManySubscriptionsError } from './standings-broadcaster.service.js';
import { checkBody, Optional } from '../common/validation.js';
import { shapeProblems } from '../common/input-shape.js';
import type { ClassConstructor } from 'class-transformer';

/** How often open connections' tokens are checked again. */
export const TOKEN_RECHECK_MS = 2_000;

interface SocketData {
  principal?: Principal;
  token?: string;
}

function tokenOf(socket: Socket): string | null {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string') return auth.token;
  return bearerOf(socket.handshake.headers.authorization);
}

export class SubscribeDto implements SubscribeRequest {
  @IsUUID()
  contestId: string;

  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_TOP)
  top?: number;

  @Optional()
  @IsString()
  @MaxLength(200)
  rep?: string;

  @Optional()
  @IsString()
  @MaxLength(200)
  division?: string;
}

export class UnsubscribeDto {
  @IsUUID()
  contestId: string;
}

/**
 * A websocket message checked like an HTTP body: an object, within the message bounds (size is cut by
 * Socket.IO's maxHttpBufferSize before parsing), with nothing PostgreSQL cannot store, then the DTO's
 * validation. Returns the DTO, or the problems as one line naming each field.
 */
export function checkMessage<T extends object>(type: ClassConstructor<T>, body: unknown): T | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return '(message): must be one object, such as { "contestId": "<uuid>" }';
  }
  const shape = shapeProblems(body, WS_INPUT_BOUNDS);
  const { value, problems } = shape.length > 0 ? { value: null, problems: shape } : checkBody(type, body);
  if (value !== null && problems.length === 0) return value;
  return problems.map((p) => `${p.path}: ${p.reason}`).join('; ');
}

/**
 * Live standings over Socket.IO. `standings.subscribe` answers (ack) with a snapshot, which is also
 * emitted as `standings.snapshot`; `standings.updated` follows on every change, `moment` on every
 * celebration of a watched contest, and `board.changed` (to screens) when the screen's board changed.
 */
@WebSocketGateway({ namespace: WS_NAMESPACE })
export class StandingsGateway implements OnGatewayDisconnect, OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger(StandingsGateway.name);

  private readonly checker: NodeJS.Timeout;
  private rechecking = false;

  constructor(
    private readonly broadcaster: StandingsBroadcasterService,
    private readonly moments: MomentsBroadcasterService,
    private readonly resolver: PrincipalResolverService,
    private readonly contests: ContestsService,
    private readonly boards: BoardsAccess,
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
  ) {
    // A revoked or expired token's open connection is closed within this interval (plus the resolver's cache).
    this.checker = setInterval(() => void this.recheck(), TOKEN_RECHECK_MS);
    this.checker.unref();
  }

  @WebSocketServer()
  private readonly server: Namespace | undefined;

  /** The handshake must carry a valid token: `io(url, { auth: { token } })` (or an Authorization header). */
  afterInit(server: Namespace): void {
    this.moments.attach(server);
    server.use((socket, next) => {
      const token = tokenOf(socket);
      if (token === null) {
        next(new Error('unauthenticated: connect with auth: { token }'));
        return;
      }
      this.resolver.resolve(token).then(
        (principal) => {
          if (principal === null || principal.kind === 'ingest' || principal.kind === 'anonymous') {
            next(
              new Error('unauthenticated: the token is invalid, expired or revoked, or may not watch boards'),
            );
            return;
          }
          (socket.data as SocketData).principal = principal;
          (socket.data as SocketData).token = token;
          next();
        },
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.checker);
  }

  /**
   * Disconnects every socket whose token no longer resolves (revoked, expired, user disabled) or whose
   * principal changed (a manager's teams, a role): the client reconnects and subscribes again under its
   * current scope.
   */
  private async recheck(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      const sockets = this.server === undefined ? [] : [...this.server.sockets.values()];
      for (const socket of sockets) {
        const data = socket.data as SocketData;
        if (data.token === undefined) continue;
        const principal = await this.resolver.resolve(data.token).catch(() => undefined);
        if (principal === undefined) continue;
        if (principal === null || JSON.stringify(principal) !== JSON.stringify(data.principal)) {
          this.broadcaster.unsubscribe(socket.id);
          socket.disconnect(true);
        }
      }
    } finally {
      this.rechecking = false;
    }
  }

  @SubscribeMessage(WS_SUBSCRIBE)
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    try {
      const checked = checkMessage(SubscribeDto, body);
      if (typeof checked === 'string') return { ok: false, error: checked };
      const request = checked;
      const principal = (socket.data as SocketData).principal ?? { kind: 'anonymous' };
      const contest = await this.contests.get(request.contestId, principal);
      if (request.rep !== undefined) await this.boards.assertSeesRep(principal, request.rep);
      const snapshot = await this.broadcaster.subscribe(
        socket,
        request.contestId,
        request.top ?? 10,
        request.rep ?? null,
        request.division ?? null,
        contestBoardView(principal, scopeOf(contest), this.config.publicTopN),
      );
      socket.emit(WS_SNAPSHOT, snapshot);
      return { ok: true, snapshot };
    } catch (error) {
      if (error instanceof DomainError || error instanceof TooManySubscriptionsError) {
        return { ok: false, error: error.message };
      }
      this.logger.error(`subscribe failed: ${String(error)}`);
      return { ok: false, error: 'unexpected error' };
    }
  }

  @SubscribeMessage(WS_UNSUBSCRIBE)
  async unsubscribe(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<UnsubscribeAck> {
    try {
      const checked = checkMessage(UnsubscribeDto, body);
      if (typeof checked === 'string') return { ok: false, error: checked };
      this.broadcaster.unsubscribe(socket.id, checked.contestId);
      return { ok: true };
    } catch (error) {
      this.logger.error(`unsubscribe failed: ${String(error)}`);
      return { ok: false, error: 'unexpected error' };
    }
  }

  handleDisconnect(socket: Socket): void {
    this.broadcaster.unsubscribe(socket.id);
  }
}
