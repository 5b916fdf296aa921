/**
 * The real OpenStack command-line clients, `nova` and `openstack` (Debian's
 * python3-novaclient and python3-openstackclient), against the whole host: each client
 * drives a host of its own, the two at once. Skipped with the reason when the clients are
 * not installed, except under CI, which installs them (.ci/run): there their absence fails.
 */
import { describe } from 'node:test';
import { realClientsSkip } from '../helpers/real-clients.js';
import { describeNovaScenario } from './real-clients-nova.js';
import { describeOpenstackScenario } from './real-clients-openstack.js';

describe('the OpenStack clients against wharf', { skip: realClientsSkip(), concurrency: 2 }, () => {
  describeNovaScenario();
  describeOpenstackScenario();
});
