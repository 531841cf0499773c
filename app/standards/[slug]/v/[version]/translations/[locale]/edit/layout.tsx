import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

/** The workspace's forms speak of translations and of clause fields. */
export default function Layout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages paths={["translations.edit", "translations.start", "drafting.editor.fields"]}>
      {children}
    </ClientMessages>
  );
}
