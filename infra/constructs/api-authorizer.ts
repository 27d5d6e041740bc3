/** Builds the HTTP API's route authorizer from a validated {@link AuthorizerConfig}. */
import type { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers'
import type { AuthorizerConfig } from './authorizer-config.ts'

/** The authorizer every route of the API uses: IAM (SigV4) or a JWT issuer's tokens. */
export function createAuthorizer(config: AuthorizerConfig): IHttpRouteAuthorizer {
  if (config.kind === 'iam') return new HttpIamAuthorizer()
  return new HttpJwtAuthorizer('JwtAuthorizer', config.issuer, { jwtAudience: [...config.audience] })
}
