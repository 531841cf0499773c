import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import { discussionFormMessages, newCallFormMessages } from "@/components/form-messages";

export default function Layout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages paths={[...newCallFormMessages, ...discussionFormMessages]}>
      {children}
    </ClientMessages>
  );
}
