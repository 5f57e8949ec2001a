"use client";

import { useActionState, useRef } from "react";
import { Button, Field, Input } from "@boomerang/ui";
import { login, type LoginState } from "./actions";

export type DemoLogin = {
  email: string;
  password: string;
  role: string;
  name: string;
  store: string | null;
};

export function LoginForm({ demoLogins }: { demoLogins: DemoLogin[] }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, {
    error: null,
    email: "",
  });
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);

  const fill = (demo: DemoLogin) => {
    if (email.current) email.current.value = demo.email;
    if (password.current) password.current.value = demo.password;
    password.current?.focus();
  };

  return (
    <div className="space-y-6">
      <form action={action} className="space-y-4" noValidate>
        <Field label="Email" htmlFor="email">
          <Input
            ref={email}
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={state.email}
          />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input
            ref={password}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </Field>
        {state.error ? (
          <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {state.error}
          </p>
        ) : null}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {demoLogins.length > 0 ? (
        <section
          aria-labelledby="demo-logins"
          className="rounded-md border border-slate-200 bg-slate-50 p-4"
        >
          <h2 id="demo-logins" className="text-sm font-medium text-slate-800">
            Demo logins
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">
            Demo data is loaded. Pick a role to fill the form.
          </p>
          <ul className="mt-3 space-y-1.5">
            {demoLogins.map((demo) => (
              <li key={demo.email}>
                <button
                  type="button"
                  onClick={() => fill(demo)}
                  className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-white focus-visible:outline-2 focus-visible:outline-teal-700"
                >
                  <span className="font-medium">{demo.role}</span>
                  {demo.store ? <span className="text-slate-500"> · {demo.store}</span> : null}
                  <span className="block text-xs text-slate-500">
                    {demo.email} · password {demo.password}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
