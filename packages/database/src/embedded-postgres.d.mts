export declare function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  database?: string;
  persistent?: boolean;
}): Promise<{ url: string; stop: () => Promise<void> }>;
