import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="panel">
      <h1>Not found</h1>
      <p>
        There is no page here. Go to the <Link href="/">overview</Link>.
      </p>
    </div>
  );
}
