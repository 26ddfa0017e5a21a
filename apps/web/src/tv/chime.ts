/**
 * A short, friendly chime made in code (Web Audio: no sound file to load): a rising major arpeggio with
 * soft attacks, under a second, quiet enough for an office. Silently does nothing where audio is not
 * allowed (a browser that blocks autoplay until someone touches the screen).
 */
let context: AudioContext | null = null;

const NOTES = [523.25, 659.25, 783.99, 1046.5]; // C5 E5 G5 C6

export function playChime(): void {
  try {
    context ??= new AudioContext();
    const audio = context;
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
    const start = audio.currentTime + 0.05;
    const master = audio.createGain();
    master.gain.value = 0.18;
    master.connect(audio.destination);
    NOTES.forEach((frequency, i) => {
      const at = start + i * 0.11;
      const oscillator = audio.createOscillator();
      oscillator.type = i === NOTES.length - 1 ? 'triangle' : 'sine';
      oscillator.frequency.value = frequency;
      const gain = audio.createGain();
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(1, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + (i === NOTES.length - 1 ? 0.9 : 0.35));
      oscillator.connect(gain).connect(master);
      oscillator.start(at);
      oscillator.stop(at + 1);
    });
  } catch {
    // No audio on this device: the celebration is still on screen.
  }
}
