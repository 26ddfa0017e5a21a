/** Sign in with email and password. */
export function LoginPage() {
  return <main />;
}
