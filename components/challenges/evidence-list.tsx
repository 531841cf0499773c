/** Links people gave as evidence: the site vouches for none of them. */
export function EvidenceList({ urls, label }: { urls: string[]; label: string }) {
  if (urls.length === 0) return null;
  return (
    <div className="mt-3">
      <p className="text-sm font-medium">{label}</p>
      <ul className="list-disc pl-5">
        {urls.map((url) => (
          <li key={url} className="break-all">
            <a href={url} rel="nofollow ugc noopener" className="underline">
              {url}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
