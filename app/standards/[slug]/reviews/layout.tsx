import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import { discussionFormMessages } from "@/components/form-messages";

export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages paths={["reviews", ...discussionFormMessages]}>{children}</ClientMessages>;
}
