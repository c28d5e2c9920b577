import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { OnboardingPage } from './OnboardingPage.tsx';

const onboardingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/onboarding', component: OnboardingPage });

export const onboardingRoutes = [onboardingRoute];
