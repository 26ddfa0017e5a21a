import { useCallback, useEffect, useState } from 'react';
import { screenToken } from '../api/client.js';
import { BoardScreen } from './board-screen.js';
import { PairingScreen } from './pairing-screen.js';
import './tv.css';

/** The pairing link's code (`/tv/pair?code=...`), or null on any other TV address. */
function pairingCode(): string | null {
  if (!/^\/tv\/pair\/?$/.test(location.pathname)) return null;
  const code = new URLSearchParams(location.search).get('code');
  return code === null || code.trim() === '' ? null : code.trim();
}

/**
 * The office TV (`/tv`): without a display token it pairs (a code to enter elsewhere, or the one-time
 * pairing link), with one it shows its board. A revoked token sends it back to pairing. Nothing on it is
 * clickable and the cursor is hidden: it is a wall display.
 */
export function TvApp() {
  const [code, setCode] = useState(pairingCode);
  const [token, setToken] = useState(() => (code === null ? screenToken.get() : null));

  useEffect(() => {
    document.documentElement.classList.add('tv');
    return () => document.documentElement.classList.remove('tv');
  }, []);

  const paired = useCallback((next: string) => {
    screenToken.set(next);
    // The pairing link is spent: the TV's address is /tv from now on (a reload shows the board).
    if (location.pathname !== '/tv') {
      const lang = new URLSearchParams(location.search).get('lang');
      history.replaceState(null, '', lang === null ? '/tv' : `/tv?lang=${encodeURIComponent(lang)}`);
    }
    setCode(null);
    setToken(next);
  }, []);

  const revoked = useCallback(() => {
    screenToken.clear();
    setToken(null);
  }, []);

  if (token === null) return <PairingScreen code={code} onPaired={paired} />;
  return <BoardScreen key={token} onRevoked={revoked} />;
}
