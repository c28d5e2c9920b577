export interface VippsSimStats {
  /** Every HTTP request that reached the server. */
  requests: number;
  /** Connections and requests cut while the simulator was down. */
  droppedConnections: number;
  /** Logins that ended with an authorization code sent back to the client. */
  logins: number;
  /** Logins the simulator refused: a user under 15, or one who declined. */
  refusedLogins: number;
  /** Requests to the token endpoint, refused ones included. */
  tokenRequests: number;
  /** Requests to the userinfo endpoint, refused ones included. */
  userinfoRequests: number;
  /** Userinfo requests answered with an error (an unknown, expired or revoked token). */
  userinfoRefused: number;
}

export function emptyVippsStats(): VippsSimStats {
  return { requests: 0, droppedConnections: 0, logins: 0, refusedLogins: 0, tokenRequests: 0, userinfoRequests: 0, userinfoRefused: 0 };
}
