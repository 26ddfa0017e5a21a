import { useT } from '../i18n/index.js';
import './home.css';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <main className="home">
      <h1>{t('common.notFound')}</h1>
      <p>
        <a href="/">{t('common.goHome')}</a>
      </p>
    </main>
  );
}
