import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { Socket } from 'socket.io';
import {
  WS_NAMESPACE,
  WS_SNAPSHOT,
  WS_SUBSCRIBE,
  WS_UNSUBSCRIBE,
  type SubscribeAck,
  type SubscribeRequest,
} from '#contracts';
import { DomainError } from '#domain';
import { MAX_TOP } from '../standings/standings-reader.service.js';
import { StandingsBroadcasterService, TooManySubscriptionsError } from './standings-broadcaster.service.js';
import { problemsOf, VALIDATION_OPTIONS } from '../common/validation.js';
import { validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';

export class SubscribeDto implements SubscribeRequest {
  @IsUUID()
  contestId: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TOP)
  top?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  rep?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  division?: string;
}

/**
 * Live standings over Socket.IO. `standings.subscribe` answers (ack) with a snapshot, which is also
 * emitted as `standings.snapshot`; `standings.updated` follows on every change.
 */
@WebSocketGateway({ namespace: WS_NAMESPACE, cors: { origin: true } })
export class StandingsGateway implements OnGatewayDisconnect {
  private readonly logger = new Logger(StandingsGateway.name);

  constructor(private readonly broadcaster: StandingsBroadcasterService) {}

  @SubscribeMessage(WS_SUBSCRIBE)
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const request = plainToInstance(SubscribeDto, body ?? {});
    const errors = validateSync(request, VALIDATION_OPTIONS);
    if (errors.length > 0) {
      return {
        ok: false,
        error: problemsOf(errors)
          .map((p) => `${p.path}: ${p.reason}`)
          .join('; '),
      };
    }
    try {
      const snapshot = await this.broadcaster.subscribe(
        socket,
        request.contestId,
        request.top ?? 10,
        request.rep ?? null,
        request.division ?? null,
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
    @MessageBody() body: { contestId?: unknown },
  ): Promise<void> {
    if (typeof body?.contestId !== 'string') return;
    this.broadcaster.unsubscribe(socket.id, body.contestId);
  }

  handleDisconnect(socket: Socket): void {
    this.broadcaster.unsubscribe(socket.id);
  }
}
