import { useEffect, useState } from 'react';
import type { DeviceStartResponse, DeviceTokenResponse, PairedScreenResponse } from '#contracts';
import { api, ApiError, serverClock } from '../api/client.js';
import { durationParts, pad2 } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import { useNow } from '../ui/use-now.js';
import { PodiumMark } from './icons.js';

/** After a failed start (offline, rate-limited), wait this long before asking again. */
const RETRY_MS = 5_000;
const RATE_LIMITED_RETRY_MS = 30_000;

type PairingState =
  | { readonly step: 'starting' }
  | { readonly step: 'waiting'; readonly device: DeviceStartResponse }
  | { readonly step: 'offline' }
  /** Refused for now (429): too many starts from this network. */
  | { readonly step: 'busy' }
  | { readonly step: 'paired' };

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      done();
    });
  });

/**
 * The device authorization flow (RFC 8628): ask for a code, show its short user code, poll with the
 * secret device code at the interval the server gives (slower after `slow_down`), start again when the
 * code expires, and hand the display token over once an admin linked the screen.
 */
function useDevicePairing(onPaired: (token: string) => void): PairingState {
  const [state, setState] = useState<PairingState>({ step: 'starting' });
  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    void (async () => {
      while (!signal.aborted) {
        let device: DeviceStartResponse;
        try {
          device = await api<DeviceStartResponse>('/api/v1/screens/device', {
            method: 'POST',
            body: {},
            auth: 'none',
            signal,
          });
        } catch (error) {
          if (signal.aborted) return;
          setState({ step: 'offline' });
          await wait(
            error instanceof ApiError && error.status === 429 ? RATE_LIMITED_RETRY_MS : RETRY_MS,
            signal,
          );
          continue;
        }
        setState({ step: 'waiting', device });
        let intervalMs = Math.max(1, device.intervalSeconds) * 1000;
        const expiresAt = Date.parse(device.expiresAt);
        for (;;) {
          await wait(intervalMs, signal);
          if (signal.aborted) return;
          if (serverClock.now() >= expiresAt) break; // a new code
          let answer: DeviceTokenResponse;
          try {
            answer = await api<DeviceTokenResponse>('/api/v1/screens/device/token', {
              method: 'POST',
              body: { deviceCode: device.deviceCode },
              auth: 'none',
              signal,
            });
          } catch {
            if (signal.aborted) return;
            continue; // offline for a moment: keep the code, poll again
          }
          if (answer.status === 'paired') {
            setState({ step: 'paired' });
            onPaired(answer.token);
            return;
          }
          if (answer.status === 'expired') break;
          if (answer.status === 'slow_down') intervalMs += 5_000; // RFC 8628 section 3.5
        }
      }
    })();
    return () => abort.abort();
  }, [onPaired]);
  return state;
}

/** `/tv/pair?code=...`: the one-time link of a screen trades its code for the token. */
function usePairingLink(
  code: string | null,
  onPaired: (token: string) => void,
): 'none' | 'trading' | 'failed' {
  const [state, setState] = useState<'none' | 'trading' | 'failed'>(code === null ? 'none' : 'trading');
  useEffect(() => {
    if (code === null) return;
    const abort = new AbortController();
    void api<PairedScreenResponse>('/api/v1/screens/pair', {
      method: 'POST',
      body: { code },
      auth: 'none',
      signal: abort.signal,
    }).then(
      (paired) => onPaired(paired.token),
      () => {
        if (!abort.signal.aborted) setState('failed');
      },
    );
    return () => abort.abort();
  }, [code, onPaired]);
  return state;
}

function CodeExpiry({ expiresAt }: { expiresAt: string }) {
  const { t, lang } = useT();
  const now = useNow(1000);
  const { minutes, seconds } = durationParts(Date.parse(expiresAt) - (now + serverClock.offsetMs()));
  return (
    <p className="pairing__expiry">{t('tv.pairing.renews', { time: `${minutes}:${pad2(lang, seconds)}` })}</p>
  );
}

/** The pairing screen: a short code in very large type and what to do with it. */
export function PairingScreen({
  code,
  onPaired,
}: {
  code: string | null;
  onPaired: (token: string) => void;
}) {
  const { t } = useT();
  const link = usePairingLink(code, onPaired);
  if (link === 'trading') {
    return (
      <main className="tv-pairing" aria-busy="true">
        <PodiumMark className="tv-pairing__mark" />
        <h1 className="tv-pairing__title">{t('tv.pairing.linking')}</h1>
      </main>
    );
  }
  return <DevicePairing linkFailed={link === 'failed'} onPaired={onPaired} />;
}

function DevicePairing({ linkFailed, onPaired }: { linkFailed: boolean; onPaired: (token: string) => void }) {
  const { t } = useT();
  const state = useDevicePairing(onPaired);
  return (
    <main className="tv-pairing">
      <header className="tv-pairing__brand">
        <PodiumMark className="tv-pairing__mark" />
        <span>{t('common.appName')}</span>
      </header>
      <h1 className="tv-pairing__title">{t('tv.pairing.title')}</h1>
      {linkFailed && <p className="tv-pairing__notice">{t('tv.pairing.linkFailed')}</p>}
      {state.step === 'waiting' ? (
        <>
          <p className="tv-pairing__lead">{t('tv.pairing.lead')}</p>
          <p
            className="tv-pairing__code"
            aria-label={t('tv.pairing.codeLabel')}
            data-user-code={state.device.userCode}
          >
            {[...state.device.userCode].map((char, i) => (
              <span key={i} className={char === '-' ? 'tv-pairing__dash' : 'tv-pairing__char'}>
                {char === '-' ? '–' : char}
              </span>
            ))}
          </p>
          <ol className="tv-pairing__steps">
            <li>{t('tv.pairing.step1', { address: location.host })}</li>
            <li>{t('tv.pairing.step2')}</li>
            <li>{t('tv.pairing.step3')}</li>
          </ol>
          <p className="tv-pairing__hint">
            {t('tv.pairing.apiHint', { path: state.device.verificationPath })}
          </p>
          <div className="tv-pairing__status">
            <span className="tv-pulse" aria-hidden="true" />
            <span>{t('tv.pairing.waiting')}</span>
          </div>
          <CodeExpiry expiresAt={state.device.expiresAt} />
        </>
      ) : (
        <div className="tv-pairing__status" aria-live="polite">
          <span className="tv-pulse" aria-hidden="true" />
          <span>
            {state.step === 'offline'
              ? t('tv.pairing.offline')
              : state.step === 'busy'
                ? t('tv.pairing.busy')
                : state.step === 'paired'
                  ? t('tv.pairing.paired')
                  : t('tv.pairing.starting')}
          </span>
        </div>
      )}
    </main>
  );
}
