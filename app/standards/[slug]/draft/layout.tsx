import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import {
  countdownMessages,
  discussionFormMessages,
  draftFormMessages,
} from "@/components/form-messages";

export default function Layout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages paths={[...countdownMessages, ...discussionFormMessages, ...draftFormMessages]}>
      {children}
    </ClientMessages>
  );
}
