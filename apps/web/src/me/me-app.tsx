/** The rep's view on the phone. */
export function MeApp() {
  return <main />;
}
