import { useEffect } from 'react';

/**
 * Follows the device's light or dark setting (a phone in the sun, a laptop at night) by setting
 * `data-theme` on <html> while the page is open. The TV sets its own theme from the board's settings.
 */
export function useSystemTheme(): void {
  useEffect(() => {
    const query = matchMedia('(prefers-color-scheme: light)');
    const apply = () => {
      document.documentElement.dataset.theme = query.matches ? 'light' : 'dark';
    };
    apply();
    query.addEventListener('change', apply);
    return () => {
      query.removeEventListener('change', apply);
      delete document.documentElement.dataset.theme;
    };
  }, []);
}
