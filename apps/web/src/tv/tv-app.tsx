/** The office TV board: pairing, the playlist, celebrations. */
export function TvApp() {
  return <main />;
}
